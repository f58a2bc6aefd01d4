// The reader: version dispatch (E003 too new, naming the running version;
// E004 syntax, missing or bad envelope), the v1 schema (E005 missing, E008
// type, E009 unknown key) and every rule of docs/lockfile.md (E010-E018),
// each error with its code and exact file:line:column. The writer refuses
// the same locks with the same codes.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isMochiError, type ErrorCode } from "../../core/src/errors.js";
import { parseLock, parseLockBytes, writeLock, type Lockfile } from "../../core/src/lockfile/index.js";
import { repoRoot } from "../vectors.js";
import { emptyLock, hex64, sampleLock } from "./sample.js";

const fixture = (name: string): string => readFileSync(join(repoRoot, "fixtures/locks", name), "utf8");
const FULL = fixture("full.lock");

/** file:line:column of the first occurrence of `needle` (plus `offset` characters). */
function at(text: string, needle: string, offset = 0, file = "mochi.lock"): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`test setup: ${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, i + offset);
  const line = before.split("\n").length;
  return `${file}:${line}:${[...before.slice(before.lastIndexOf("\n") + 1)].length + 1}`;
}

function failure(run: () => unknown): { code: string; where: string | undefined; message: string } {
  try {
    run();
  } catch (e) {
    if (isMochiError(e)) return { code: e.code, where: e.where, message: e.message };
    throw e;
  }
  throw new Error("expected a MochiError, nothing was thrown");
}

/** Replaces `from` (which must occur) with `to` in the full fixture. */
function edit(from: string, to: string, text = FULL): string {
  if (!text.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} not in text`);
  return text.replace(from, to);
}

describe("version dispatch", () => {
  it("E003: a version 99 lock is too new, and the message names the running version", () => {
    const text = fixture("version-99.lock");
    const f = failure(() => parseLock(text, { file: "version-99.lock", running: "0.1.0" }));
    expect(f.code).toBe("M057_LOCK_E003");
    expect(f.where).toBe(at(text, "99", 0, "version-99.lock"));
    expect(f.message).toContain("lockfile too new: version = 99, but mochi-pkg 0.1.0 reads lockfile versions up to 1; upgrade mochi-pkg");
  });

  it("E003 also for a version beyond 2^53, before looking at anything else", () => {
    const f = failure(() => parseLock('version = 123456789012345678901234567890\nnonsense = "x"\n'));
    expect(f.code).toBe("M057_LOCK_E003");
    expect(f.message).toContain("version = 123456789012345678901234567890, but this mochi-pkg reads");
  });

  it("E004: no version envelope", () => {
    const f = failure(() => parseLock(fixture("missing-version.lock")));
    expect(f).toMatchObject({ code: "M057_LOCK_E004", where: "mochi.lock:1:1" });
    expect(f.message).toContain("no version envelope");
  });

  it.each([
    ['version = "1"', '"1"'],
    ["version = 0", "0"],
    ["version = -1", "-1"],
    ["version = 1.0", "1"],
    ["version = true", "a boolean"],
  ])("E004: envelope %s is not a positive integer", (line, shown) => {
    const text = edit("version = 1", line);
    const f = failure(() => parseLock(text));
    expect(f).toMatchObject({ code: "M057_LOCK_E004", where: at(text, line.slice(10), 0) });
    expect(f.message).toContain(`must be a positive integer, not ${shown}`);
  });

  it("E004: a merge conflict is a syntax error with its line and column", () => {
    const f = failure(() => parseLock(fixture("merge-conflict.lock"), { file: "merge-conflict.lock" }));
    expect(f.code).toBe("M057_LOCK_E004");
    expect(f.where).toBe("merge-conflict.lock:9:1");
  });

  it("E004: bytes that are not UTF-8", () => {
    const bytes = new Uint8Array([...Buffer.from('version = 1\nmochi = "'), 0xff, ...Buffer.from('"\n')]);
    expect(failure(() => parseLockBytes(bytes, { file: "x.lock" }))).toMatchObject({ code: "M057_LOCK_E004", where: "x.lock" });
  });
});

describe("v1 schema and rules", () => {
  const cases: [string, ErrorCode, string, string, string, number?][] = [
    // [name, code, from, to, where needle, offset within needle]
    ["E005 missing top-level field", "M057_LOCK_E005", 'mochi = "0.11.2"\n', "", "# This file", 0],
    ["E005 missing package source (fixture)", "M057_LOCK_E005", "", "", "", 0],
    ["E005 registry package without blake3", "M057_LOCK_E005", 'blake3 = "blake3-256:dc68c749b0c95075d93528afbba511454ff8f86da83825381893f458cb5a98ef"\n', "", "", 0],
    ["E005 sumdb-verified without tree size", "M057_LOCK_E005", "sumdb-tree-size = 35812409\nsumdb-record-hash = \"8676", "sumdb-record-hash = \"8676", "", 0],
    ["E008 wrong type", "M057_LOCK_E008", 'yanked = true', 'yanked = "yes"', 'yanked = "yes"', 9],
    ["E008 wrong type in an array", "M057_LOCK_E008", 'capabilities-declared = ["proc"]', 'capabilities-declared = ["proc", 7]', 'capabilities-declared = ["proc", 7]', 33],
    ["E009 unknown key", "M057_LOCK_E009", 'git_rev = "de81', 'git-rev = "de81', "git-rev", 0],
    ["E009 unknown key in a go source", "M057_LOCK_E009", 'path = "../local-mod" }', 'path = "../local-mod", proxy = "x" }', 'proxy = "x"', 0],
    ["E010 uppercase hex", "M057_LOCK_E010", 'zip-blake3 = "c10f27db', 'zip-blake3 = "C10F27DB', 'zip-blake3 = "C10F', 13],
    ["E010 bad h1", "M057_LOCK_E010", 'zip-h1 = "h1:E0gYcY', 'zip-h1 = "h1:!!gYcY', 'zip-h1 = "h1:!!', 9],
    ["E010 bad manifest_hash prefix", "M057_LOCK_E010", 'manifest_hash = "blake3-256:', 'manifest_hash = "blake3:', 'manifest_hash = "blake3:', 16],
    ["E011 Mochi version not semver", "M057_LOCK_E011", 'version = "0.4.7"\nsource', 'version = "0.4"\nsource', 'version = "0.4"', 10],
    ["E011 Go version not canonical", "M057_LOCK_E011", 'version = "v1.9.3"', 'version = "v1.9"', 'version = "v1.9"', 10],
    ["E012 bad package name", "M057_LOCK_E012", 'name = "@vendor/local"', 'name = "@Vendor/Local"', 'name = "@Vendor', 7],
    ["E012 bad module path", "M057_LOCK_E012", 'module = "github.com/spf13/pflag"', 'module = "github/spf13/pflag"', 'module = "github/', 9],
    ["E012 manifest escapes", "M057_LOCK_E012", 'manifest = "mochi.toml"', 'manifest = "../mochi.toml"', 'manifest = "../', 11],
    ["E012 malformed registry source", "M057_LOCK_E012", 'source = "registry:registry.mochi-lang.dev"\nblake3 = "blake3-256:dc68', 'source = "registry:"\nblake3 = "blake3-256:dc68', 'source = "registry:"', 9],
    ["E013 unknown os", "M057_LOCK_E013", 'os = "macos"', 'os = "darwin"', 'os = "darwin"', 5],
    ["E013 unknown capability", "M057_LOCK_E013", '"@forks/yaml" = ["fs.read"]', '"@forks/yaml" = ["fs.read", "gpu"]', '"gpu"', 0],
    ["E013 unknown source kind", "M057_LOCK_E013", 'source = "path:../vendor/local"', 'source = "svn:../vendor/local"', 'source = "svn', 9],
    ["E013 negative count", "M057_LOCK_E013", "sigstore_verified_count = 4", "sigstore_verified_count = -4", "= -4", 2],
    ["E014 platform index out of range", "M057_LOCK_E014", "[[package.platform]]\nindex = 1\n\n[[go-package]]", "[[package.platform]]\nindex = 5\n\n[[go-package]]", "index = 5", 8],
    ["E015 duplicate platform", "M057_LOCK_E015", 'os = "windows"', 'os = "linux"', "", 0],
    ["E016 dangling dependency", "M057_LOCK_E016", '"@vendor/local" = "0.0.1"', '"@vendor/local" = "0.0.2"', '"0.0.2"', 0],
    ["E016 dangling go dependency", "M057_LOCK_E016", 'dependencies = ["github.com/spf13/pflag@v1.0.5"]', 'dependencies = ["github.com/spf13/pflag@v1.0.6"]', '"github.com/spf13/pflag@v1.0.6"', 0],
    ["E017 workspace package with a hash", "M057_LOCK_E017", 'path = "packages/app"', 'path = "packages/app"\nsha256 = "sha256:' + hex64("x") + '"', "sha256 = \"sha256:" + hex64("x").slice(0, 8), 0],
    ["E017 zip hash on a path source", "M057_LOCK_E017", 'source = { kind = "path", path = "../local-mod" }', `source = { kind = "path", path = "../local-mod" }\nzip-blake3 = "${hex64("z")}"`, `zip-blake3 = "${hex64("z").slice(0, 6)}`, 0],
  ];

  it.each(cases)("%s", (name, code, from, to, needle, offset = 0) => {
    let text: string;
    let where: string;
    if (name === "E005 missing package source (fixture)") {
      text = fixture("missing-field.lock");
      where = at(text, "[[package]]");
    } else if (name.startsWith("E005 registry package")) {
      text = edit(from, to);
      where = at(text, "[[package]]\nname = \"@mochi/strings\"");
    } else if (name.startsWith("E005 sumdb-verified")) {
      text = edit(from, to);
      where = at(text, "[[go-package]]\nmodule = \"github.com/spf13/pflag\"");
    } else if (name === "E015 duplicate platform") {
      text = edit(from, to);
      // The fifth platform duplicates the first after the edit (windows/x86_64/typescript -> linux/x86_64/typescript).
      const nth = text.split("[[platform]]").slice(0, 5).join("[[platform]]").length;
      where = at(text.slice(0, nth) + "\u0000" + text.slice(nth), "\u0000");
    } else {
      text = edit(from, to);
      where = at(text, needle, offset);
    }
    const f = failure(() => parseLock(text));
    expect(f.code).toBe(code);
    expect(f.where).toBe(where);
  });

  it("E018: the writer refuses a lone surrogate (text never holds one)", () => {
    const lock: Lockfile = { ...emptyLock(), provenance: { ...emptyLock().provenance, registryEtag: "bad\ud800" } };
    expect(failure(() => writeLock(lock))).toMatchObject({ code: "M057_LOCK_E018", where: "lock provenance.registry_etag" });
  });

  it("the writer refuses what the reader refuses, naming the field path", () => {
    const lock = sampleLock();
    const broken: Lockfile = { ...lock, packages: lock.packages.map((p) => (p.name === "@vendor/local" ? { ...p, platforms: [9] } : p)) };
    expect(failure(() => writeLock(broken))).toMatchObject({ code: "M057_LOCK_E014", where: "lock package[5].platform[0].index" });
    const dup: Lockfile = { ...lock, goPackages: [...lock.goPackages, lock.goPackages[0]!] };
    expect(failure(() => writeLock(dup))).toMatchObject({ code: "M057_LOCK_E015", where: `lock go-package[${lock.goPackages.length}]` });
  });

  it("messages say what is wrong", () => {
    const f = failure(() => parseLock(edit('os = "macos"', 'os = "darwin"')));
    expect(f.message).toContain('os "darwin" is not one of freebsd, linux, macos, windows');
    const g = failure(() => parseLock(edit('"@vendor/local" = "0.0.1"', '"@vendor/local" = "0.0.2"')));
    expect(g.message).toContain("@my/app@0.1.0 depends on @vendor/local@0.0.2, which the lock has no [[package]] for");
  });
});

describe("coverage of the registry", () => {
  it("every M057_LOCK_* and M057_MANIFEST_* code is asserted by some test", async () => {
    const { ERROR_REGISTRY } = await import("../../core/src/errors.js");
    const { readdirSync } = await import("node:fs");
    const tests = ["test/lockfile", "test/manifest"].flatMap((d) =>
      readdirSync(join(repoRoot, d))
        .filter((f) => f.endsWith(".test.ts"))
        .map((f) => readFileSync(join(repoRoot, d, f), "utf8")),
    );
    const codes = ERROR_REGISTRY.map((e) => e.code).filter((c) => /^M057_(LOCK|MANIFEST)_/.test(c));
    expect(codes.length).toBe(18 + 34);
    expect(codes.filter((c) => !tests.some((t) => t.includes(c)))).toEqual([]);
  });
});
