// mochi-pkg lock --check: is mochi.lock still what the manifest and the
// sources resolve to? Offline when the lock is current: the manifest hash
// (E001), the lock's own syntax and version (E003-E005) are checked first;
// then the Go resolution is redone from the cache with the locked versions
// preferred and compared: a locked version with other content is tamper
// (E007), any other difference is drift (E002), a new capability E006.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Hashing } from "@mochi-pkg/core";
import { MochiError } from "@mochi-pkg/core";
import { auditCapabilities, checkLock, parseLockBytes, type CheckLockResult, type Lockfile } from "@mochi-pkg/core/lockfile";
import { goLockEntries } from "./go-lock.js";
import { GoModules } from "./go-modules.js";
import { resolveGo } from "./go-resolve.js";
import { nodeHashing } from "./kernels.js";
import { MOCHI_PKG_VERSION } from "./lockfile-io.js";
import { MochiRegistryClient, resolveMochiDependencies } from "./mochi-registry.js";
import { LOCKFILE, MANIFEST, openProject } from "./project.js";
import { goEnvFor, type SyncOptions } from "./sync.js";
import { readWorkspaceMembers } from "./workspace.js";
import { nodeZipOptions } from "./zip-inflate.js";

export async function checkProjectLock(root: string, options: Pick<SyncOptions, "env" | "offline">): Promise<CheckLockResult> {
  const hashing: Hashing = await nodeHashing();
  const lockPath = join(root, LOCKFILE);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(lockPath));
  } catch {
    throw new MochiError("M057_LOCK_E004", "there is no mochi.lock", { where: lockPath, hint: "run `mochi-pkg lock` and commit mochi.lock" });
  }
  const lock = parseLockBytes(bytes, { file: lockPath, running: MOCHI_PKG_VERSION });
  const { project } = await openProject(root);
  const members = await readWorkspaceMembers(root, project.manifest);
  // Stale first: no network, no resolution.
  checkLock({ manifest: project.manifest, lock, hashing, members, manifestFile: join(root, MANIFEST), lockFile: lockPath });

  const go = new GoModules({ env: goEnvFor(options), hashing, zipOptions: nodeZipOptions });
  try {
    const resolution = await resolveGo(project, go, { lock });
    const old = new Map(lock.goPackages.map((p) => [`${p.module}@${p.version}`, p]));
    // What the bridge derives (surface and wrapper hashes) is carried over for unchanged versions.
    const goPackages = (await goLockEntries(go, { resolution, bridged: [], buildTags: project.manifest.go?.buildTags ?? [], previous: lock })).map((p) => {
      const was = old.get(`${p.module}@${p.version}`);
      return was === undefined
        ? p
        : {
            ...p,
            ...(was.apiSurfaceSha256 === undefined ? {} : { apiSurfaceSha256: was.apiSurfaceSha256 }),
            ...(was.wrapperSha256 === undefined ? {} : { wrapperSha256: was.wrapperSha256 }),
            capabilitiesDeclared: was.capabilitiesDeclared,
            buildTags: was.buildTags,
          };
    });
    // Mochi packages are resolved again against the registry when one is
    // configured and the check may go online; offline they are taken as locked.
    const registryUrl = options.env.MOCHI_REGISTRY;
    let mochi: Pick<Lockfile, "packages" | "platforms"> = lock;
    if (registryUrl && !options.offline) {
      const client = new MochiRegistryClient(registryUrl, { hashing });
      try {
        mochi = await resolveMochiDependencies({ root: project.manifest, members, rootDir: root, client, lock });
      } finally {
        await client.close();
      }
    }
    const fresh: Lockfile = { ...lock, goPackages, packages: mochi.packages, platforms: mochi.platforms };
    // A newly required capability is M057_LOCK_E006, worded as lock and update word it.
    auditCapabilities(lock, fresh, false);
    return checkLock({ manifest: project.manifest, lock, hashing, members, fresh, manifestFile: join(root, MANIFEST), lockFile: lockPath });
  } finally {
    await go.close();
  }
}
