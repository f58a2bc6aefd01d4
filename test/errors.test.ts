// The error-code registry: unique codes, each with a summary and a hint, and
// every code the sources use is registered.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ERROR_REGISTRY, MochiError } from "@mochi-pkg/core";
import { repoRoot } from "./vectors.js";

const CODE = /\bM0(?:57|74)_[A-Z0-9]+_E\d{3}\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist") return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe("error registry", () => {
  it("has unique, well-formed codes with a summary and a hint", () => {
    const codes = ERROR_REGISTRY.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of ERROR_REGISTRY) {
      expect(e.code).toMatch(/^M0(57|74)_[A-Z0-9]+_E\d{3}$/);
      expect(e.summary.length, e.code).toBeGreaterThan(5);
      expect(e.hint.length, e.code).toBeGreaterThan(5);
    }
  });

  it("numbers each category densely from E001", () => {
    const byCat = new Map<string, number[]>();
    for (const { code } of ERROR_REGISTRY) {
      const [, cat, n] = /^(M0\d\d_[A-Z0-9]+)_E(\d{3})$/.exec(code)!;
      byCat.set(cat!, [...(byCat.get(cat!) ?? []), Number(n)]);
    }
    for (const [cat, ns] of byCat) {
      expect([...ns].sort((a, b) => a - b), cat).toEqual(ns.map((_, i) => i + 1));
    }
  });

  it("registers every code the sources use", () => {
    const registered = new Set<string>(ERROR_REGISTRY.map((e) => e.code));
    const unregistered: string[] = [];
    for (const dir of ["core/src", "host-node/src", "host-browser/src"]) {
      for (const file of sources(join(repoRoot, dir))) {
        for (const code of readFileSync(file, "utf8").match(CODE) ?? []) {
          if (!registered.has(code)) unregistered.push(`${relative(repoRoot, file)}: ${code}`);
        }
      }
    }
    expect(unregistered).toEqual([]);
  });

  it("renders code, detail, place and hint", () => {
    const e = new MochiError("M074_HASH_E004", 'unknown hash algorithm "md5"', { where: "digest(algorithm)" });
    expect(e.message).toBe('M074_HASH_E004: unknown hash algorithm "md5" (at digest(algorithm))\n  hint: use one of: sha256, blake3');
    expect(e.code).toBe("M074_HASH_E004");
  });
});
