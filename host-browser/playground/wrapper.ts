// The cgo wrapper view: the module's wrapper package (core/src/bridge/wrapper.ts
// wrapModule: wrap.go and bridge.h), then the files every program around it
// shares (mainPackage: main.go and the mochirt runtime), and wrapper-sha256
// over the module's wrapper package for the lock entry.
//
// The bridge's index does not export the wrapper generator (yet), so it is
// imported from its file; the lockfile's hash too (lockentry.ts says why).

import { compareUtf8, utf8Encode, type Hashing } from "@mochi-pkg/core";
import type { ModulePlan } from "@mochi-pkg/core/bridge";
import { mainPackage, wrapModule } from "../../core/src/bridge/wrapper.js";
import { wrapperSha256 } from "../../core/src/lockfile/hashes.js";
import type { WrapperPreview } from "./protocol.js";

export function wrapperPreview(plan: ModulePlan, hashing: Hashing): { preview: WrapperPreview; sha256: string } {
  // The Go source first, then its C header.
  const own = Object.entries(wrapModule(plan).files).sort(([a], [b]) => Number(a.endsWith(".h")) - Number(b.endsWith(".h")) || compareUtf8(a, b));
  const shared = Object.entries(mainPackage([plan]));
  const sha256 = wrapperSha256(own.map(([path, text]) => ({ path, data: utf8Encode(text) })), hashing);
  return { preview: { files: [...own, ...shared].map(([path, text]) => ({ path, text })) }, sha256 };
}
