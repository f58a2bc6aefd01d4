// Signed notes against shared/vectors/go/note.json (every section), with
// both Hashing implementations, plus a case for every M074_NOTE_* code.
import { beforeAll, describe, expect, it } from "vitest";
import { base64Encode, utf8Encode } from "../../core/src/bytes.js";
import { MochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import {
  NoteUnverifiedError, generateKey, isValidName, keyHash, newEd25519VerifierKey, newSigner, newVerifier, openNote, signNote,
  verifierList, type Signature,
} from "../../core/src/go/note.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { b64, hex, loadVector } from "../vectors.js";
import { codeOf } from "../support/errors.js";

interface Key { name: string; signer_key?: string; verifier_key: string; key_hash: string; public_key_hex?: string }
interface OpenCase { msg: string; known: string[]; sigs?: string[]; unverified?: string[]; error?: string }
const vec = loadVector<{
  source: string;
  description: string;
  keys: Key[];
  key_hash_check: { doc: string; cases: { name: string; keybytes_base64: string; key_hash: string }[] };
  bad_verifier_keys: { doc: string; cases: { key: string; why: string; accept?: boolean }[] };
  sign: { cases: { text: string; signers: string[]; existing_sigs?: string[]; signed?: string; error?: string }[] };
  open: { doc: string; cases: OpenCase[] };
}>("note.json");

const keyByName = new Map(vec.keys.map((k) => [k.name, k]));

/** Parses "— name base64" into a Signature (the hash is the first 4 signature bytes). */
function sigFromLine(line: string): Signature {
  const [name, base64] = line.slice(2).split(" ") as [string, string];
  const raw = b64(base64);
  return { name, base64, hash: ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0 };
}

// The malformed open cases, in vector order, and the rule each breaks.
const MALFORMED_CODES = ["M074_NOTE_E017", "M074_NOTE_E012", "M074_NOTE_E012", "M074_NOTE_E013", "M074_NOTE_E011", "M074_NOTE_E013", "M074_NOTE_E014", "M074_NOTE_E014"];

describe.each([
  ["node", nodeHashing],
  ["kernels", kernelsHashing],
])("note with %s hashing", (_label, load) => {
  let hashing: Hashing;
  beforeAll(async () => {
    hashing = await load();
  });

  it("has the vector file's metadata", () => {
    expect(vec.source).toContain("sumdb/note");
    expect(vec.description).toContain("Key hash");
  });

  it.each(vec.keys)("key $name parses, and its signer key regenerates from the seed", (k) => {
    const v = newVerifier(k.verifier_key, hashing);
    expect(v.name).toBe(k.name);
    expect(v.keyHash.toString(16).padStart(8, "0")).toBe(k.key_hash);
    const keyBytes = b64(k.verifier_key.split("+").slice(2).join("+"));
    expect(newEd25519VerifierKey(k.name, keyBytes.subarray(1), hashing)).toBe(k.verifier_key);
    if (k.public_key_hex !== undefined) expect(hex(keyBytes.subarray(1))).toBe(k.public_key_hex);
    if (k.signer_key !== undefined) {
      const s = newSigner(k.signer_key, hashing);
      expect([s.name, s.keyHash]).toEqual([k.name, v.keyHash]);
      const seed = b64(k.signer_key.split("+").slice(4).join("+")).subarray(1);
      expect(generateKey(seed, k.name, hashing)).toEqual({ signerKey: k.signer_key, verifierKey: k.verifier_key });
      const msg = utf8Encode("hello\n");
      expect(v.verify(msg, s.sign(msg))).toBe(true);
    }
  });

  it.each(vec.key_hash_check.cases)("keyHash($name) = $key_hash", (c) => {
    expect(keyHash(c.name, b64(c.keybytes_base64), hashing).toString(16).padStart(8, "0")).toBe(c.key_hash);
  });

  it.each(vec.bad_verifier_keys.cases)("bad verifier key: $why", (c) => {
    if (c.accept === true) {
      expect(newVerifier(c.key, hashing).name).toBe("PeterNeumann");
      return;
    }
    const want: Record<string, string> = {
      // "...BADKEY==" ends in non-zero padding bits, which Go's StdEncoding
      // (and core/src/bytes.ts) ignore; it decodes to 39 key bytes.
      "wrong key length (hash adjusted to match)": "M074_NOTE_E006",
      "unknown algorithm byte (hash adjusted)": "M074_NOTE_E005",
      "key hash mismatch (derived)": "M074_NOTE_E007",
      "name with space (derived)": "M074_NOTE_E002",
    };
    expect(codeOf(() => newVerifier(c.key, hashing))).toBe(want[c.why]);
  });

  it("rejects every proper substring and every single-byte increment of a valid key", () => {
    const key = keyByName.get("PeterNeumann")!.verifier_key;
    let tried = 0;
    for (let i = 0; i < key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i === 0 && j === key.length) continue;
        expect(codeOf(() => newVerifier(key.slice(i, j), hashing)), key.slice(i, j)).toMatch(/^M074_NOTE_E00[1-7]$/);
        tried++;
      }
      const bumped = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(codeOf(() => newVerifier(bumped, hashing)), bumped).toMatch(/^M074_NOTE_E00[1-7]$/);
    }
    expect(tried).toBe((key.length * (key.length + 1)) / 2 - 1);
  });

  it.each(vec.sign.cases.map((c, i) => ({ ...c, i })))("sign case $i by $signers", (c) => {
    const signers = c.signers.map((name) => newSigner(keyByName.get(name)!.signer_key!, hashing));
    const sigs = (c.existing_sigs ?? []).map(sigFromLine);
    if (c.error !== undefined) {
      expect(c.error).toBe("malformed note");
      expect(codeOf(() => signNote({ text: c.text, sigs }, signers))).toBe("M074_NOTE_E009");
      return;
    }
    expect(signNote({ text: c.text, sigs }, signers)).toBe(c.signed);
  });

  it("has one expected code per malformed open case", () => {
    expect(vec.open.cases.filter((c) => c.error === "malformed note")).toHaveLength(MALFORMED_CODES.length);
  });

  it.each(vec.open.cases.map((c, i) => ({ ...c, i })))("open case $i ($error)", (c) => {
    const known = verifierList(...c.known.map((k) => newVerifier(k, hashing)));
    const open = () => openNote(c.msg, known);
    if (c.error === undefined) {
      const note = open();
      expect(note.text).toBe(c.msg.slice(0, c.msg.lastIndexOf("\n\n") + 1));
      expect(note.sigs.map((s) => s.name)).toEqual(c.sigs);
      expect(note.unverifiedSigs.map((s) => s.name)).toEqual(c.unverified ?? []);
      // Bytes open the same way as strings.
      expect(openNote(utf8Encode(c.msg), known)).toEqual(note);
      return;
    }
    let err: unknown;
    try {
      open();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MochiError);
    const code = (err as MochiError).code;
    if (c.error === "note has no verifiable signatures") {
      expect(code).toBe("M074_NOTE_E020");
      expect((err as NoteUnverifiedError).note.unverifiedSigs.map((s) => s.name)).toEqual(c.unverified);
    } else if (c.error.startsWith("ambiguous key ")) {
      expect(code).toBe("M074_NOTE_E018");
      expect((err as MochiError).detail).toContain(c.error.slice("ambiguous key ".length));
    } else if (c.error.startsWith("invalid signature for key ")) {
      expect(code).toBe("M074_NOTE_E019");
      expect((err as MochiError).detail).toContain(c.error);
    } else {
      expect(c.error).toBe("malformed note");
      const nth = vec.open.cases.slice(0, c.i).filter((x) => x.error === "malformed note").length;
      expect(code).toBe(MALFORMED_CODES[nth]);
    }
  });

  it("round-trips a generated key and replaces a signer's own old signature", () => {
    const { signerKey, verifierKey } = generateKey(new Uint8Array(32).fill(7), "example.com/log", hashing);
    const signer = newSigner(signerKey, hashing);
    const known = verifierList(newVerifier(verifierKey, hashing));
    const once = signNote({ text: "hi\n" }, [signer]);
    const opened = openNote(once, known);
    expect(opened.sigs.map((s) => s.name)).toEqual(["example.com/log"]);
    expect(signNote(opened, [signer])).toBe(once);
  });

  it("reports every note error code", () => {
    const peter = keyByName.get("PeterNeumann")!;
    const known = verifierList(newVerifier(peter.verifier_key, hashing));
    const signed = vec.sign.cases[0]!.signed!;
    const text = vec.sign.cases[0]!.text;
    const cases: [string, () => unknown][] = [
      ["M074_NOTE_E001", () => newVerifier("PeterNeumann", hashing)],
      ["M074_NOTE_E001", () => newVerifier("PeterNeumann+c74f20a3", hashing)],
      ["M074_NOTE_E002", () => generateKey(new Uint8Array(32), "a+b", hashing)],
      ["M074_NOTE_E003", () => newVerifier("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", hashing)],
      ["M074_NOTE_E004", () => newVerifier("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", hashing)],
      ["M074_NOTE_E006", () => newEd25519VerifierKey("x", new Uint8Array(31), hashing)],
      ["M074_NOTE_E006", () => {
        const short = Uint8Array.of(1, ...new Uint8Array(31));
        return newVerifier(`x+${keyHash("x", short, hashing).toString(16).padStart(8, "0")}+${base64Encode(short)}`, hashing);
      }],
      ["M074_NOTE_E007", () => newSigner(peter.signer_key!.replace("c74f20a3", "c74f20a4"), hashing)],
      ["M074_NOTE_E008", () => newSigner(peter.verifier_key, hashing)],
      ["M074_NOTE_E009", () => signNote({ text: "no newline" }, [])],
      ["M074_NOTE_E010", () => openNote(Uint8Array.of(0x61, 0x0a, 0x0a, 0xff, 0x0a), known)],
      ["M074_NOTE_E010", () => openNote("a\n\n\ud800\n", known)],
      ["M074_NOTE_E011", () => signNote({ text: "tab\there\n" }, [])],
      ["M074_NOTE_E015", () => openNote(`${text}\n\u2014 Bad+Name ${base64Encode(new Uint8Array(70))}\n`, known)],
      ["M074_NOTE_E016", () => openNote(`${text}\n\u2014 PeterNeumann ${base64Encode(new Uint8Array(4))}\n`, known)],
      ["M074_NOTE_E019", () => openNote(signed.replace("If you think", "If you thinK"), known)],
      ["M074_NOTE_E021", () => generateKey(new Uint8Array(31), "x", hashing)],
    ];
    for (const [code, f] of cases) expect(codeOf(f), code).toBe(code);
  });

  it("checks names like Go's isValidName", () => {
    expect(["a", "sum.golang.org", "localhost.localdev/sumdb", "\u00e9"].every(isValidName)).toBe(true);
    expect(["", "a b", "a+b", "a\u00a0b", "a\u3000b", "a\u0085b", "\ud800"].some(isValidName)).toBe(false);
  });
});
