// Round trips of the canonical writer and the reader: for every fixture and
// for thousands of random locks (fast-check), parse(write(lock)) equals the
// lock's normal form and write(parse(bytes)) equals the bytes; any order of
// the lists writes the same bytes; and the bytes obey the canonical-form rules
// of docs/lockfile.md (valid TOML, NFC, LF, one final newline, no trailing
// whitespace, lowercase hex).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { LOCKFILE_HEADER, normalizeLock, parseLock, parseLockBytes, writeLock, type Lockfile } from "../../core/src/lockfile/index.js";
import { tomlKey, tomlString } from "../../core/src/manifest/index.js";
import { repoRoot } from "../vectors.js";
import { hostileString, lockfile, permuted } from "./arbitraries.js";
import { emptyLock, sampleLock } from "./sample.js";

const locks = join(repoRoot, "fixtures/locks");
const read = (name: string): string => readFileSync(join(locks, name), "utf8");

/** Canonical fixtures: every *.lock that the reader accepts as v1 (the error fixtures are read elsewhere). */
const CANONICAL = ["empty.lock", "expected.lock", "full.lock", "hostile-strings.lock", "stale-check/mochi.lock"];

function checkCanonicalText(text: string): void {
  expect(text.startsWith(`${LOCKFILE_HEADER}\nversion = 1\n`)).toBe(true);
  expect(text.endsWith("\n")).toBe(true);
  expect(text.endsWith("\n\n")).toBe(false);
  expect(text.includes("\r")).toBe(false);
  expect(text.includes("\n\n\n")).toBe(false);
  expect(text).toBe(text.normalize("NFC"));
  // Line by line: with the m flag, $ would also match before U+2028 inside a string.
  expect(text.split("\n").filter((line) => /[ \t]$/.test(line))).toEqual([]);
  // Hashes are lowercase hex.
  const hashes = [...text.matchAll(/^(?:manifest_hash|blake3|sha256|git_rev|zip-blake3|sumdb-record-hash|api-surface-sha256|wrapper-sha256) = "([^"]*)"$/gm)].map((m) => m[1]!);
  expect(hashes.filter((h) => h !== h.toLowerCase())).toEqual([]);
}

describe("fixtures round-trip", () => {
  it.each(CANONICAL)("%s: write(parse(bytes)) == bytes and parse(write(lock)) == lock", (name) => {
    const text = read(name);
    const lock = parseLock(text, { file: name });
    expect(writeLock(lock)).toBe(text);
    expect(parseLock(writeLock(lock))).toStrictEqual(lock);
    expect(normalizeLock(lock)).toStrictEqual(lock);
    checkCanonicalText(text);
    expect(() => parseToml(text)).not.toThrow();
  });

  it("every canonical fixture is listed (error fixtures excluded)", () => {
    const all = readdirSync(locks, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".lock")).sort();
    const errors = ["merge-conflict.lock", "missing-field.lock", "missing-version.lock", "version-99.lock"];
    expect(all).toEqual([...CANONICAL, ...errors].sort());
  });

  it("full.lock is exactly the sample lock written canonically, with a pinned SHA-256 (the byte-identity gate)", () => {
    const text = writeLock(sampleLock());
    expect(text).toBe(read("full.lock"));
    // The same bytes on every platform: this digest is the cross-platform contract.
    expect(createHash("sha256").update(text).digest("hex")).toBe("a0457a4d182fc6712b32fa4d25af4b1e3f1c8b989374d9306b7cfa4bbd030b68");
  });

  it("the sample lock in canonical order parses back deep-equal", () => {
    const canonical = normalizeLock(sampleLock());
    expect(parseLock(writeLock(canonical))).toStrictEqual(canonical);
    expect(canonical.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      "@forks/yaml@3.0.0",
      "@mochi/json@1.9.0",
      "@mochi/json@1.10.0", // SemVer order, not string order
      "@mochi/strings@0.4.7",
      "@my/app@0.1.0",
      "@my/parser@0.1.0",
      "@vendor/local@0.0.1",
    ]);
    expect(canonical.platforms.map((p) => `${p.os}/${p.arch}/${p.target}`)).toEqual([
      "linux/aarch64/typescript",
      "linux/x86_64/c",
      "linux/x86_64/typescript",
      "macos/aarch64/typescript",
      "windows/x86_64/typescript",
    ]);
    // @vendor/local was on platform 4 (linux/x86_64/c), which sorts to index 1.
    expect(canonical.packages.find((p) => p.name === "@vendor/local")!.platforms).toEqual([1]);
  });

  it("a hand-formatted lock (other order, comments, literal strings, inline tables, CRLF) reads to the same lock", () => {
    const doc = [
      "# hand edited: keys in any order, comments, literal strings, inline and dotted tables, CRLF",
      `manifest_hash = "blake3-256:${"0".repeat(64)}"`,
      "manifest = 'mochi.toml'",
      'mochi = "0.11.2"',
      "version = 1",
      "[provenance]",
      "sigstore_unverified = []",
      "sigstore_verified_count = 0",
      "registry_etag = ''",
      "solver_seed = ''",
      "",
      "[[package]]",
      "dependencies = { }",
      "source = 'registry:r.example'  # comment",
      'version = "1.0.0"',
      'name = "b"',
      `blake3 = "blake3-256:${"a".repeat(64)}"`,
      "platform = [ { index = 0 } ]",
      "",
      "[[package]]",
      'name = "a"',
      'version = "1.0.0"',
      'source = "workspace"',
      'path = "a"',
      "yanked = false",
      'dependencies.b = "1.0.0"',
      "",
      "[[platform]]",
      'target = "python"',
      'arch = "wasm32"',
      'os = "linux"',
    ].join("\r\n");
    const lock = parseLock(doc);
    expect(lock.packages.map((p) => p.name)).toEqual(["a", "b"]);
    expect(lock.packages[0]!.yanked).toBeUndefined();
    expect(writeLock(lock)).toBe(
      [
        LOCKFILE_HEADER,
        "version = 1",
        'mochi = "0.11.2"',
        'manifest = "mochi.toml"',
        `manifest_hash = "blake3-256:${"0".repeat(64)}"`,
        "",
        "[[platform]]",
        'os = "linux"',
        'arch = "wasm32"',
        'target = "python"',
        "",
        "[[package]]",
        'name = "a"',
        'version = "1.0.0"',
        'source = "workspace"',
        'path = "a"',
        "",
        "[package.dependencies]",
        'b = "1.0.0"',
        "",
        "[[package]]",
        'name = "b"',
        'version = "1.0.0"',
        'source = "registry:r.example"',
        `blake3 = "blake3-256:${"a".repeat(64)}"`,
        "",
        "[[package.platform]]",
        "index = 0",
        "",
        "[provenance]",
        'solver_seed = ""',
        'registry_etag = ""',
        "sigstore_verified_count = 0",
        "sigstore_unverified = []",
        "",
      ].join("\n"),
    );
  });

  it("reads bytes as UTF-8 and NFC-normalises what it reads", () => {
    const text = writeLock(emptyLock()).replace('mochi = "0.11.2"', 'mochi = "cafe\u0301"');
    const lock = parseLockBytes(new Uint8Array(Buffer.from(text, "utf8")));
    expect(lock.mochi).toBe("café");
    expect(lock.mochi).toBe("caf\u00e9");
  });
});

describe("property: random locks with hostile strings", () => {
  it("parse(write(lock)) equals normalize(lock), write is a fixed point, and the text is canonical (3000 cases)", () => {
    fc.assert(
      fc.property(lockfile, (lock) => {
        const text = writeLock(lock);
        const parsed = parseLock(text);
        expect(parsed).toStrictEqual(normalizeLock(lock));
        expect(writeLock(parsed)).toBe(text);
        expect(normalizeLock(parsed)).toStrictEqual(parsed);
        checkCanonicalText(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("any order of platforms, packages, sets and maps writes the same bytes (1000 cases)", () => {
    fc.assert(
      fc.property(lockfile.chain((lock) => fc.tuple(fc.constant(lock), permuted(lock))), ([lock, shuffled]) => {
        expect(writeLock(shuffled)).toBe(writeLock(lock));
      }),
      { numRuns: 1000 },
    );
  });

  it("non-NFC input is written in NFC, and an NFC-equal lock writes the same bytes", () => {
    const decomposed: Lockfile = { ...emptyLock(), mochi: "e\u0301\u212b", provenance: { ...emptyLock().provenance, registryEtag: "A\u030a" } };
    const composed: Lockfile = { ...emptyLock(), mochi: "\u00e9\u00c5", provenance: { ...emptyLock().provenance, registryEtag: "\u00c5" } };
    expect(writeLock(decomposed)).toBe(writeLock(composed));
    expect(writeLock(decomposed)).toContain('mochi = "\u00e9\u00c5"');
  });

  it("tomlString and tomlKey give TOML that any reader decodes to the NFC string (5000 cases)", () => {
    fc.assert(
      fc.property(hostileString(), hostileString(1), (value, key) => {
        const doc = parseToml(`${tomlKey(key)} = ${tomlString(value)}\n`) as Record<string, unknown>;
        expect(Object.keys(doc)).toEqual([key.normalize("NFC")]);
        expect(doc[key.normalize("NFC")]).toBe(value.normalize("NFC"));
      }),
      { numRuns: 5000 },
    );
  });

  it("escapes exactly: controls as \\u00xx (lowercase), the short forms, quotes and backslashes", () => {
    expect(tomlString('a"b\\c\u0000\u001f\u007f\b\t\n\f\r\u0085é')).toBe('"a\\"b\\\\c\\u0000\\u001f\\u007f\\b\\t\\n\\f\\r\u0085é"');
    expect(tomlKey("bare-key_1")).toBe("bare-key_1");
    expect(tomlKey("@mochi/json")).toBe('"@mochi/json"');
    expect(tomlKey("")).toBe('""');
  });
});
