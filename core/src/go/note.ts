// Signed notes (golang.org/x/mod/sumdb/note): Ed25519 keys named
// `name+hash+base64(alg||key)`, signing, and opening a note against known
// verifiers. The checksum database signs its tree heads this way.
// Spec: go-ecosystem.md section 8.
//
// Ed25519 is @noble/ed25519's synchronous API (SHA-512 from @noble/hashes),
// so the core stays sans-IO and runs the same in every host. Verification
// uses RFC 8032 rules (zip215: false), the stricter branch, close to Go's
// crypto/ed25519 which rejects non-canonical signatures.

import * as ed from "@noble/ed25519";
import { sha512 } from "@noble/hashes/sha2.js";
import { base64Decode, base64Encode, concatBytes, isWellFormed, utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";

// Another module may have configured the hash already; keep theirs.
ed.hashes.sha512 ??= sha512;

const ALG_ED25519 = 1;
const ED25519_KEY_SIZE = 32;
const MAX_SIGNATURES = 100;
const SIG_PREFIX = "\u2014 "; // EM DASH, space
const PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

export interface Verifier {
  readonly name: string;
  /** The 32-bit key hash, as in the key's 8 hex digits. */
  readonly keyHash: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface Signer {
  readonly name: string;
  readonly keyHash: number;
  sign(message: Uint8Array): Uint8Array;
}

/** One signature line: `— <name> <base64(keyhash || signature)>`. */
export interface Signature {
  readonly name: string;
  readonly hash: number;
  readonly base64: string;
}

export interface Note {
  /** The signed text, ending in a newline. */
  readonly text: string;
  /** Signatures by known keys, all verified, in note order, duplicates dropped. */
  readonly sigs: readonly Signature[];
  /** Signatures by keys not known to the opener, duplicates dropped. */
  readonly unverifiedSigs: readonly Signature[];
}

/** Looks up verifiers by name and key hash. */
export interface Verifiers {
  /** The verifier for (name, hash), undefined if unknown; throws M074_NOTE_E018 if ambiguous. */
  verifier(name: string, hash: number): Verifier | undefined;
}

/** Thrown by openNote when no signature is by a known key; carries the note with its unverified signatures. */
export class NoteUnverifiedError extends MochiError {
  readonly note: Note;

  constructor(note: Note, where: string) {
    const names = note.unverifiedSigs.map((s) => `${s.name}+${hex8(s.hash)}`);
    super("M074_NOTE_E020", `note has no verifiable signatures (signed by: ${names.join(", ") || "nobody"})`, { where });
    this.name = "NoteUnverifiedError";
    this.note = note;
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

// Go's unicode.IsSpace: ASCII white space, NEL, NBSP and the Z categories.
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Key and signer names: non-empty UTF-8, no white space, no `+`. */
export function isValidName(name: string): boolean {
  return name !== "" && isWellFormed(name) && !SPACE.test(name) && !name.includes("+");
}

/** First 4 bytes, big-endian, of SHA-256(name || "\n" || keyBytes), where keyBytes = alg || key. */
export function keyHash(name: string, keyBytes: Uint8Array, hashing: Hashing): number {
  const sum = hashing.hasher("sha256").update(utf8Encode(`${name}\n`)).update(keyBytes).finish();
  return ((sum[0]! << 24) | (sum[1]! << 16) | (sum[2]! << 8) | sum[3]!) >>> 0;
}

/** Splits at the first `+`, as the key formats do: base64 itself may contain `+`. */
function chop(s: string): [string, string] {
  const i = s.indexOf("+");
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

interface KeyFields {
  readonly name: string;
  readonly hash: number;
  readonly alg: number;
  readonly key: Uint8Array;
}

/** Parses `name+hash+base64(alg||key)` (the part after PRIVATE+KEY+ for signer keys). */
function parseKeyFields(text: string, where: string): KeyFields {
  const [name, rest] = chop(text);
  const [hash16, key64] = chop(rest);
  if (rest === "" || key64 === "") {
    throw new MochiError("M074_NOTE_E001", `key ${JSON.stringify(text)} is not of the form name+hash+key`, { where });
  }
  if (!isValidName(name)) {
    throw new MochiError("M074_NOTE_E002", `invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or '+'`, { where });
  }
  if (!/^[0-9a-fA-F]{8}$/.test(hash16)) {
    throw new MochiError("M074_NOTE_E003", `key hash ${JSON.stringify(hash16)} is not 8 hex digits`, { where });
  }
  const bytes = base64Decode(key64);
  if (bytes === undefined || bytes.length === 0) {
    throw new MochiError("M074_NOTE_E004", `key data ${JSON.stringify(key64)} is not standard base64`, { where });
  }
  if (bytes[0] !== ALG_ED25519) {
    throw new MochiError("M074_NOTE_E005", `unknown key algorithm ${bytes[0]} (only 1, Ed25519, is defined)`, { where });
  }
  if (bytes.length !== 1 + ED25519_KEY_SIZE) {
    throw new MochiError("M074_NOTE_E006", `an Ed25519 key is ${ED25519_KEY_SIZE} bytes, got ${bytes.length - 1}`, { where });
  }
  return { name, hash: parseInt(hash16, 16), alg: bytes[0], key: bytes.subarray(1) };
}

function requireKeyHash(fields: KeyFields, publicKeyBytes: Uint8Array, hashing: Hashing, where: string): void {
  const want = keyHash(fields.name, publicKeyBytes, hashing);
  if (want !== fields.hash) {
    throw new MochiError("M074_NOTE_E007", `key hash ${hex8(fields.hash)} does not match the name and key (expected ${hex8(want)})`, { where });
  }
}

function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    // noble throws on points that do not decode: not a valid signature.
    return false;
  }
}

/** Parses a verifier key `name+hash+base64(0x01||pubkey)` and checks its key hash. */
export function newVerifier(vkey: string, hashing: Hashing): Verifier {
  const where = "verifier key";
  const fields = parseKeyFields(vkey, where);
  const publicKeyBytes = concatBytes(Uint8Array.of(fields.alg), fields.key);
  requireKeyHash(fields, publicKeyBytes, hashing, where);
  const publicKey = fields.key.slice();
  return {
    name: fields.name,
    keyHash: fields.hash,
    verify: (message, signature) => ed25519Verify(publicKey, message, signature),
  };
}

/** Parses a signer key `PRIVATE+KEY+name+hash+base64(0x01||seed)`; the hash is of the derived public key. */
export function newSigner(skey: string, hashing: Hashing): Signer {
  const where = "signer key";
  if (!skey.startsWith(PRIVATE_KEY_PREFIX)) {
    throw new MochiError("M074_NOTE_E008", "a signer key starts with PRIVATE+KEY+", { where });
  }
  const fields = parseKeyFields(skey.slice(PRIVATE_KEY_PREFIX.length), where);
  const seed = fields.key.slice();
  const publicKeyBytes = concatBytes(Uint8Array.of(ALG_ED25519), ed.getPublicKey(seed));
  requireKeyHash(fields, publicKeyBytes, hashing, where);
  return { name: fields.name, keyHash: fields.hash, sign: (message) => ed.sign(message, seed) };
}

/** A verifier key for an Ed25519 public key. */
export function newEd25519VerifierKey(name: string, publicKey: Uint8Array, hashing: Hashing): string {
  const where = "newEd25519VerifierKey";
  requireName(name, where);
  if (publicKey.length !== ED25519_KEY_SIZE) {
    throw new MochiError("M074_NOTE_E006", `an Ed25519 key is ${ED25519_KEY_SIZE} bytes, got ${publicKey.length}`, { where });
  }
  const keyBytes = concatBytes(Uint8Array.of(ALG_ED25519), publicKey);
  return `${name}+${hex8(keyHash(name, keyBytes, hashing))}+${base64Encode(keyBytes)}`;
}

/**
 * A signer key and its verifier key from a 32-byte Ed25519 seed. The core
 * has no randomness: the caller draws the seed.
 */
export function generateKey(seed: Uint8Array, name: string, hashing: Hashing): { signerKey: string; verifierKey: string } {
  const where = "generateKey";
  requireName(name, where);
  if (seed.length !== ED25519_KEY_SIZE) {
    throw new MochiError("M074_NOTE_E021", `an Ed25519 seed is ${ED25519_KEY_SIZE} bytes, got ${seed.length}`, { where });
  }
  const verifierKey = newEd25519VerifierKey(name, ed.getPublicKey(seed), hashing);
  const hash = verifierKey.split("+")[1]!;
  return { signerKey: `${PRIVATE_KEY_PREFIX}${name}+${hash}+${base64Encode(concatBytes(Uint8Array.of(ALG_ED25519), seed))}`, verifierKey };
}

function requireName(name: string, where: string): void {
  if (!isValidName(name)) {
    throw new MochiError("M074_NOTE_E002", `invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or '+'`, { where });
  }
}

/** Verifiers found by (name, hash); two for the same pair make that pair ambiguous. */
export function verifierList(...verifiers: Verifier[]): Verifiers {
  const byKey = new Map<string, Verifier[]>();
  for (const v of verifiers) {
    const key = `${v.name}+${hex8(v.keyHash)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), v]);
  }
  return {
    verifier(name, hash) {
      const found = byKey.get(`${name}+${hex8(hash)}`);
      if (found === undefined) return undefined;
      if (found.length > 1) {
        throw new MochiError("M074_NOTE_E018", `ambiguous key ${name}+${hex8(hash)}: more than one known verifier has it`, { where: "known verifiers" });
      }
      return found[0];
    },
  };
}

/** UTF-8 without control characters other than newline: the rule for note text and whole messages. */
function checkNoteText(text: string, where: string): void {
  const control = /[\u0000-\u0009\u000b-\u001f]/.exec(text);
  if (control !== null) {
    const at = text.slice(0, control.index).split("\n").length;
    throw new MochiError("M074_NOTE_E011", `note contains control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")} on line ${at}`, { where });
  }
}

function noteBytes(msg: Uint8Array | string, where: string): { text: string; bytes: Uint8Array } {
  if (typeof msg === "string") {
    if (!isWellFormed(msg)) throw new MochiError("M074_NOTE_E010", "note is not valid UTF-8 (it has a lone surrogate)", { where });
    return { text: msg, bytes: utf8Encode(msg) };
  }
  const text = utf8DecodeStrict(msg);
  if (text === undefined) throw new MochiError("M074_NOTE_E010", "note is not valid UTF-8", { where });
  return { text, bytes: msg };
}

/**
 * Signs text (which must end in a newline) with each signer. Signatures
 * already on the note come first, except those by one of the signers, which
 * the new signature replaces.
 */
export function signNote(note: { readonly text: string; readonly sigs?: readonly Signature[] }, signers: readonly Signer[]): string {
  const where = "signNote";
  const { text, bytes } = noteBytes(note.text, where);
  checkNoteText(text, where);
  if (!text.endsWith("\n")) throw new MochiError("M074_NOTE_E009", "note text must end in a newline", { where });
  const signing = new Set(signers.map((s) => `${s.name}+${hex8(s.keyHash)}`));
  let out = `${text}\n`;
  for (const sig of note.sigs ?? []) {
    if (!isValidName(sig.name)) throw new MochiError("M074_NOTE_E015", `invalid signer name ${JSON.stringify(sig.name)}`, { where });
    if (!signing.has(`${sig.name}+${hex8(sig.hash)}`)) out += `${SIG_PREFIX}${sig.name} ${sig.base64}\n`;
  }
  for (const s of signers) {
    if (!isValidName(s.name)) throw new MochiError("M074_NOTE_E015", `invalid signer name ${JSON.stringify(s.name)}`, { where });
    const hash = Uint8Array.of(s.keyHash >>> 24, (s.keyHash >>> 16) & 0xff, (s.keyHash >>> 8) & 0xff, s.keyHash & 0xff);
    out += `${SIG_PREFIX}${s.name} ${base64Encode(concatBytes(hash, s.sign(bytes)))}\n`;
  }
  return out;
}

/**
 * Opens a signed note: checks its syntax, verifies every signature by a
 * known key (a bad one is an error), sets aside signatures by unknown keys,
 * and requires at least one verified signature.
 */
export function openNote(msg: Uint8Array | string, known: Verifiers): Note {
  const where = "signed note";
  const { text: whole } = noteBytes(msg, where);
  checkNoteText(whole, where);
  const split = whole.lastIndexOf("\n\n");
  if (split < 0 || split + 2 === whole.length) {
    throw new MochiError("M074_NOTE_E012", "note has no signature block (signatures follow the text after a blank line)", { where });
  }
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  if (!block.endsWith("\n")) throw new MochiError("M074_NOTE_E013", "the signature block must end in a newline", { where });
  const textBytes = utf8Encode(text);

  const sigs: Signature[] = [];
  const unverifiedSigs: Signature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  const lines = block.slice(0, -1).split("\n");
  lines.forEach((line, i) => {
    const at = `${where}, signature line ${i + 1}`;
    if (!line.startsWith(SIG_PREFIX)) {
      throw new MochiError("M074_NOTE_E014", `signature line ${JSON.stringify(line.slice(0, 40))} does not start with "— " (U+2014 and a space)`, { where: at });
    }
    const body = line.slice(SIG_PREFIX.length);
    const space = body.indexOf(" ");
    const name = space < 0 ? body : body.slice(0, space);
    const b64 = space < 0 ? "" : body.slice(space + 1);
    if (!isValidName(name)) throw new MochiError("M074_NOTE_E015", `invalid signer name ${JSON.stringify(name)}`, { where: at });
    const raw = base64Decode(b64);
    if (raw === undefined || raw.length < 5) {
      throw new MochiError("M074_NOTE_E016", `signature ${JSON.stringify(b64.slice(0, 20))} is not base64 of a key hash and a signature`, { where: at });
    }
    if (i >= MAX_SIGNATURES) throw new MochiError("M074_NOTE_E017", `note has more than ${MAX_SIGNATURES} signatures`, { where });
    const hash = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    const sig = { name, hash, base64: b64 };
    const verifier = known.verifier(name, hash);
    if (verifier === undefined) {
      if (!seenUnverified.has(body)) unverifiedSigs.push(sig);
      seenUnverified.add(body);
      return;
    }
    const key = `${name}+${hex8(hash)}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (!verifier.verify(textBytes, raw.subarray(4))) {
      throw new MochiError("M074_NOTE_E019", `invalid signature for key ${key}`, { where: at });
    }
    sigs.push(sig);
  });
  const note = { text, sigs, unverifiedSigs };
  if (sigs.length === 0) throw new NoteUnverifiedError(note, where);
  return note;
}
