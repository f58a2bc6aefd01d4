// The AssemblyScript kernels (through the component, as jco binds it) against
// node:crypto and hash-wasm, and the Node host's SHA-256 against the kernel.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { blake3 as blake3Oracle, createBLAKE3, sha256 as sha256Oracle } from "hash-wasm";
import { isMochiError, type Hashing, type Algorithm } from "@mochi-pkg/core";
import { kernelsHashing, loadHashingKernel, nodeHashing } from "../host-node/src/kernels.js";
import { b64, hex, loadVector } from "./vectors.js";
import { codeOf } from "./support/errors.js";

/** Input byte i = i mod 251: the pattern of the official BLAKE3 test vectors. */
function pattern(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i % 251;
  return out;
}

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

/** Feeds `data` to a fresh hasher in random-sized pieces (including empty ones). */
function chunked(h: Hashing, alg: Algorithm, data: Uint8Array, r: () => number, maxPiece: number): Uint8Array {
  const hasher = h.hasher(alg);
  let at = 0;
  while (at < data.length) {
    const piece = Math.floor(r() * (maxPiece + 1));
    hasher.update(data.subarray(at, at + piece));
    at += piece;
  }
  return hasher.finish();
}

const nodeSha256 = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");

// First 32 bytes of the published BLAKE3 test vectors (test_vectors.json of
// the BLAKE3 repository), hash mode, for the published input lengths.
const BLAKE3_PUBLISHED: Record<number, string> = {
  0: "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
  1: "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
  1023: "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
  1024: "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
  1025: "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
  2048: "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a",
  2049: "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030",
  3072: "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2",
  3073: "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3",
  4096: "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969",
  4097: "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995",
  5120: "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833",
  5121: "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff",
  6144: "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205",
  6145: "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f",
  7168: "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a",
  7169: "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817",
  8192: "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63",
  8193: "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b",
  16384: "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4",
  31744: "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47",
  102400: "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085",
};

let kernels: Hashing;
let node: Hashing;
beforeAll(async () => {
  kernels = await kernelsHashing();
  node = await nodeHashing();
});

describe("SHA-256 kernel", () => {
  it("matches node:crypto and hash-wasm for every length 0..1100", async () => {
    const data = pattern(1100);
    for (let n = 0; n <= 1100; n++) {
      const d = data.subarray(0, n);
      const want = nodeSha256(d);
      expect(hex(kernels.digest("sha256", d)), `length ${n}`).toBe(want);
      expect(hex(kernels.hasher("sha256").update(d).finish()), `length ${n} streaming`).toBe(want);
      if (n % 50 === 0) expect(await sha256Oracle(d)).toBe(want);
    }
  });

  it("gives the same digest for random chunkings", () => {
    const r = rng(1);
    for (let round = 0; round < 200; round++) {
      const d = pattern(Math.floor(r() * 5000));
      expect(hex(chunked(kernels, "sha256", d, r, 200)), `round ${round}`).toBe(nodeSha256(d));
    }
  });

  it("hashes multi-megabyte inputs, whole and streamed", () => {
    const r = rng(2);
    const d = new Uint8Array(5 * 1024 * 1024 + 17).map(() => Math.floor(r() * 256));
    const want = nodeSha256(d);
    expect(hex(kernels.digest("sha256", d))).toBe(want);
    expect(hex(chunked(kernels, "sha256", d, r, 300_000))).toBe(want);
  });

  it("gives the Node host's node:crypto RFC 6962 hashes", () => {
    const r = rng(6);
    for (let n = 0; n < 300; n++) {
      const d = pattern(Math.floor(r() * 500));
      expect(hex(node.rfc6962LeafHash(d))).toBe(hex(kernels.rfc6962LeafHash(d)));
      const [a, b] = [kernels.digest("sha256", d), kernels.digest("blake3", d)];
      expect(hex(node.rfc6962NodeHash(a, b))).toBe(hex(kernels.rfc6962NodeHash(a, b)));
    }
  });

  it("is what the Node host's node:crypto path gives", () => {
    const r = rng(3);
    for (let n = 0; n < 300; n++) {
      const d = pattern(Math.floor(r() * 3000));
      expect(hex(node.digest("sha256", d))).toBe(hex(kernels.digest("sha256", d)));
      expect(hex(chunked(node, "sha256", d, r, 100))).toBe(hex(chunked(kernels, "sha256", d, r, 100)));
    }
  });
});

describe("BLAKE3 kernel", () => {
  it("reproduces the published test vectors (input byte i = i mod 251)", async () => {
    for (const [len, want] of Object.entries(BLAKE3_PUBLISHED)) {
      const d = pattern(Number(len));
      expect(hex(kernels.digest("blake3", d)), `length ${len}`).toBe(want);
      expect(await blake3Oracle(d), `oracle, length ${len}`).toBe(want);
    }
  });

  it("matches hash-wasm for every length 0..1100 and around chunk boundaries", async () => {
    const lengths = [...Array(1101).keys()];
    for (const k of [2, 3, 4, 8, 15, 16, 17, 31, 32, 33, 64]) lengths.push(k * 1024 - 1, k * 1024, k * 1024 + 1, k * 1024 + 64);
    const oracle = await createBLAKE3();
    for (const n of lengths) {
      const d = pattern(n);
      oracle.init();
      oracle.update(d);
      const want = oracle.digest();
      expect(hex(kernels.digest("blake3", d)), `length ${n}`).toBe(want);
    }
  });

  it("gives the same digest for random chunkings", async () => {
    const r = rng(4);
    for (let round = 0; round < 200; round++) {
      const d = pattern(Math.floor(r() * 20_000));
      expect(hex(chunked(kernels, "blake3", d, r, 3000)), `round ${round}`).toBe(await blake3Oracle(d));
    }
  });

  it("hashes multi-megabyte inputs, whole and streamed", async () => {
    const r = rng(5);
    const d = new Uint8Array(9 * 1024 * 1024 + 5).map(() => Math.floor(r() * 256));
    const want = await blake3Oracle(d);
    expect(hex(kernels.digest("blake3", d))).toBe(want);
    expect(hex(chunked(kernels, "blake3", d, r, 700_000))).toBe(want);
    expect(hex(node.digest("blake3", d))).toBe(want);
  });

  it("keeps interleaved hashers apart", async () => {
    const a = kernels.hasher("blake3");
    const b = kernels.hasher("sha256");
    const c = kernels.hasher("blake3");
    const d = pattern(10_000);
    for (let at = 0; at < d.length; at += 999) {
      a.update(d.subarray(at, at + 999));
      b.update(d.subarray(at, at + 999));
      c.update(d.subarray(0, 0));
    }
    expect(hex(a.finish())).toBe(await blake3Oracle(d));
    expect(hex(b.finish())).toBe(nodeSha256(d));
    expect(hex(c.finish())).toBe(await blake3Oracle(new Uint8Array(0)));
  });
});

describe("RFC 6962 hashing", () => {
  const tlog = loadVector("tlog.json");

  /** The Merkle tree hash of RFC 6962 section 2.1, straight from its definition. */
  function mth(h: Hashing, leaves: Uint8Array[]): Uint8Array {
    if (leaves.length === 1) return leaves[0]!;
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return h.rfc6962NodeHash(mth(h, leaves.slice(0, k)), mth(h, leaves.slice(k)));
  }

  for (const [name, get] of [["kernels", () => kernels], ["node host", () => node]] as const) {
    it(`reproduces the hashing cases of tlog.json (${name})`, () => {
      const h = get();
      for (const c of tlog.hashing.cases) {
        let got: Uint8Array;
        if (c.fn === "record_hash") got = h.rfc6962LeafHash(new TextEncoder().encode(c.data));
        else if (c.fn === "node_hash") got = h.rfc6962NodeHash(b64(c.left), b64(c.right));
        else if (c.fn === "tree_hash" && c.n === 0) got = h.digest("sha256", new Uint8Array(0));
        else throw new Error(`unknown hashing case ${JSON.stringify(c)}`);
        expect(Buffer.from(got).toString("base64"), JSON.stringify(c)).toBe(c.out);
      }
    });

    it(`reproduces the leaf hashes and all 100 tree hashes of the test log (${name})`, () => {
      const h = get();
      const leaves = Array.from({ length: 100 }, (_, i) => h.rfc6962LeafHash(new TextEncoder().encode(`leaf ${i}`)));
      tlog.test_log.leaf_hashes_first_16.forEach((want: string, i: number) => {
        expect(Buffer.from(leaves[i]!).toString("base64"), `leaf ${i}`).toBe(want);
      });
      expect(tlog.test_log.tree_hashes).toHaveLength(100);
      for (const { size, hash } of tlog.test_log.tree_hashes) {
        expect(Buffer.from(mth(h, leaves.slice(0, size))).toString("base64"), `tree of ${size}`).toBe(hash);
      }
    });
  }
});

describe("bad input", () => {
  const algs: Algorithm[] = ["sha256", "blake3"];

  for (const [name, get] of [["kernels", () => kernels], ["node host", () => node]] as const) {
    it(`refuses use after finish (${name})`, () => {
      for (const alg of algs) {
        const h = get().hasher(alg);
        h.update(pattern(10));
        h.finish();
        expect(codeOf(() => h.update(pattern(1))), alg).toBe("M074_HASH_E001");
        expect(codeOf(() => h.finish()), alg).toBe("M074_HASH_E001");
      }
    });

    it(`refuses wrong argument types with a code, never a hash (${name})`, () => {
      const h = get();
      for (const bad of ["abc", [1, 2, 3], null, undefined, 42, {}, new ArrayBuffer(4), new Uint16Array(2)]) {
        for (const alg of algs) {
          expect(codeOf(() => h.digest(alg, bad as never)), `${alg} ${String(bad)}`).toBe("M074_HASH_E002");
          expect(codeOf(() => h.hasher(alg).update(bad as never)), `${alg} ${String(bad)}`).toBe("M074_HASH_E002");
        }
        expect(codeOf(() => h.rfc6962LeafHash(bad as never))).toBe("M074_HASH_E002");
        expect(codeOf(() => h.rfc6962NodeHash(bad as never, new Uint8Array(32)))).toBe("M074_HASH_E002");
      }
      expect(codeOf(() => h.hasher("md5" as never))).toBe("M074_HASH_E004");
      expect(codeOf(() => h.digest("SHA256" as never, new Uint8Array(1)))).toBe("M074_HASH_E004");
    });

    it(`refuses RFC 6962 children that are not 32 bytes (${name})`, () => {
      const h = get();
      for (const [l, r] of [[31, 32], [32, 33], [0, 0], [64, 32]] as const) {
        expect(codeOf(() => h.rfc6962NodeHash(new Uint8Array(l), new Uint8Array(r))), `${l}+${r}`).toBe("M074_HASH_E003");
      }
    });
  }

  it("the component itself refuses a finished hasher and short children (hash-error)", async () => {
    const raw = await loadHashingKernel();
    for (const alg of algs) {
      const h = new raw.Hasher(alg);
      h.update(pattern(3));
      expect(h.finish()).toHaveLength(32);
      expect(() => h.update(pattern(1))).toThrow(expect.objectContaining({ payload: "finished" }));
      expect(() => h.finish()).toThrow(expect.objectContaining({ payload: "finished" }));
    }
    expect(() => raw.rfc6962NodeHash(new Uint8Array(32), new Uint8Array(31))).toThrow(
      expect.objectContaining({ payload: "bad-child-length" }),
    );
  });

  it("explains the error: code, what was wrong, where, what to do", () => {
    try {
      kernels.hasher("sha256").update("text" as never);
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).toMatch(/^M074_HASH_E002: expected a Uint8Array, got string \(at Hasher.update\(data\)\)\n {2}hint: pass a Uint8Array/);
    }
  });
});
