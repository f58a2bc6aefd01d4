// Locates and reads the shared test vectors (../shared/vectors beside the
// repository, as CI lays it out). A missing file is a failure with a message,
// never a skip.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const sharedDir = resolve(repoRoot, "../shared");

export function vectorPath(name: string): string {
  const path = join(sharedDir, "vectors/go", name);
  if (!existsSync(path)) {
    throw new Error(`test vector ${path} is missing: the shared/ folder must sit beside the repository (../shared)`);
  }
  return path;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadVector<T = any>(name: string): T {
  return JSON.parse(readFileSync(vectorPath(name), "utf8")) as T;
}

export function b64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "base64"));
}

export function hex(u: Uint8Array): string {
  return Buffer.from(u).toString("hex");
}
