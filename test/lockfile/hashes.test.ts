// The two [[go-package]] hashes defined in docs/lockfile.md: wrapper-sha256
// (sorted, length-prefixed framing) and sumdb-record-hash (SHA-256 of the
// record text), checked against an independent computation with node:crypto
// and pinned values, with both Hashing implementations.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import type { Hashing } from "../../core/src/hashing.js";
import { isMochiError } from "../../core/src/errors.js";
import { sumdbRecordHash, wrapperSha256, type WrapperFile } from "../../core/src/lockfile/index.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";

let impls: [string, Hashing][];
beforeAll(async () => {
  impls = [
    ["node", await nodeHashing()],
    ["kernels", await kernelsHashing()],
  ];
});

const file = (path: string, data: string): WrapperFile => ({ path, data: new Uint8Array(Buffer.from(data, "utf8")) });

/** The framing of docs/lockfile.md written out independently. */
function reference(files: WrapperFile[]): string {
  const h = createHash("sha256");
  const u64 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  for (const f of [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)))) {
    const p = Buffer.from(f.path, "utf8");
    h.update(u64(p.length)).update(p).update(u64(f.data.length)).update(f.data);
  }
  return h.digest("hex");
}

const WRAPPER = [
  file("wrapper.go", "package main\n\nimport \"C\"\n\nfunc main() {}\n"),
  file("go.mod", "module mochi.wrap/cobra\n\ngo 1.23\n"),
  file("mochi_rt.go", "//go:build mochi_wrap\n\npackage main\n"),
  file("include/mochi.h", "#include <stdint.h>\n"),
];

describe("wrapper-sha256", () => {
  it("hashes sorted, length-prefixed files; input order does not matter", () => {
    for (const [name, hashing] of impls) {
      expect(wrapperSha256(WRAPPER, hashing), name).toBe(reference(WRAPPER));
      expect(wrapperSha256([...WRAPPER].reverse(), hashing), name).toBe(reference(WRAPPER));
      expect(wrapperSha256(WRAPPER, hashing), name).toBe("1e4cc2d39c4ade201492f939791bf0a86173b30ceb12597feac532a63a73b5a7");
    }
  });

  it("the framing separates path and content: moving bytes between them changes the hash", () => {
    const [, hashing] = impls[0]!;
    expect(wrapperSha256([file("ab", "c")], hashing)).not.toBe(wrapperSha256([file("a", "bc")], hashing));
    expect(wrapperSha256([], hashing)).toBe(createHash("sha256").digest("hex"));
  });

  it("sorts by UTF-8 bytes, not UTF-16 units", () => {
    const [, hashing] = impls[0]!;
    const files = [file("\uff61.go", "x"), file("\u{10000}.go", "y")];
    expect(wrapperSha256(files, hashing)).toBe(reference(files));
  });

  it("refuses a bad path (E012) and a path listed twice (E015)", () => {
    const [, hashing] = impls[0]!;
    const codeOf = (files: WrapperFile[]) => {
      try {
        wrapperSha256(files, hashing);
        return "none";
      } catch (e) {
        return isMochiError(e) ? e.code : String(e);
      }
    };
    expect(codeOf([file("../escape.go", "")])).toBe("M057_LOCK_E012");
    expect(codeOf([file("C:\\x.go", "")])).toBe("M057_LOCK_E012");
    expect(codeOf([file("a.go", "1"), file("a.go", "2")])).toBe("M057_LOCK_E015");
  });
});

describe("sumdb-record-hash", () => {
  it("is the SHA-256 of the record text as served, not the log's leaf hash", () => {
    const record =
      "github.com/spf13/pflag v1.0.5 h1:iy+VFUOCP1a+8yFto/drg2CJ5u0yRoB7fZw3DKv/JXA=\n" +
      "github.com/spf13/pflag v1.0.5/go.mod h1:McXfInJRrz4CZXVZOBLb0bTZqETkiAhM9Iw0y3An2Bg=\n";
    for (const [name, hashing] of impls) {
      const h = sumdbRecordHash(record, hashing);
      expect(h, name).toBe(createHash("sha256").update(record).digest("hex"));
      expect(h, name).not.toBe(createHash("sha256").update(Buffer.concat([Buffer.from([0]), Buffer.from(record)])).digest("hex"));
    }
  });
});
