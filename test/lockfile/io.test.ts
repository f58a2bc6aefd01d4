// host-node/src/lockfile-io.ts: writeLockfile writes the canonical bytes
// atomically, readLockfile reads and validates them; an absent or unreadable
// file is E004, a lock from a newer mochi-pkg is E003 naming this version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMochiError } from "../../core/src/errors.js";
import { writeLock } from "../../core/src/lockfile/index.js";
import { repoRoot } from "../vectors.js";
import { emptyLock, sampleLock } from "./sample.js";

import { MOCHI_PKG_VERSION, readLockfile, writeLockfile } from "../../host-node/src/lockfile-io.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mochi-lock-io-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "none";
  } catch (e) {
    return isMochiError(e) ? `${e.code} ${e.detail}` : String(e);
  }
}

describe("lockfile I/O", () => {
  it("writes the canonical bytes and reads them back", async () => {
    const path = join(dir, "app", "mochi.lock");
    await writeLockfile(path, sampleLock());
    expect(await readFile(path, "utf8")).toBe(writeLock(sampleLock()));
    expect(await readFile(path, "utf8")).toBe(await readFile(join(repoRoot, "fixtures/locks/full.lock"), "utf8"));
    expect(writeLock(await readLockfile(path))).toBe(writeLock(sampleLock()));
    // No temporary file is left behind.
    expect(await readdir(join(dir, "app"))).toEqual(["mochi.lock"]);
  });

  it("overwrites an existing lock", async () => {
    const path = join(dir, "mochi.lock");
    await writeLockfile(path, sampleLock());
    await writeLockfile(path, emptyLock());
    expect(await readFile(path, "utf8")).toBe(writeLock(emptyLock()));
  });

  it("a missing lockfile is E004 with a hint to create it", async () => {
    expect(await codeOf(readLockfile(join(dir, "nope.lock")))).toBe("M057_LOCK_E004 there is no lockfile");
  });

  it("a lock from a newer mochi-pkg is E003 naming this version, and invalid locks are never written", async () => {
    const path = join(dir, "new.lock");
    await writeFile(path, await readFile(join(repoRoot, "fixtures/locks/version-99.lock")));
    expect(MOCHI_PKG_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(await codeOf(readLockfile(path))).toBe(
      `M057_LOCK_E003 lockfile too new: version = 99, but mochi-pkg ${MOCHI_PKG_VERSION} reads lockfile versions up to 1; upgrade mochi-pkg`,
    );
    const bad = { ...emptyLock(), manifestHash: "md5:x" };
    expect(await codeOf(writeLockfile(join(dir, "bad.lock"), bad))).toMatch(/^M057_LOCK_E010/);
    expect(await readdir(dir)).not.toContain("bad.lock");
  });
});
