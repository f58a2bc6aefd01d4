// Runs the same call through the TypeScript core in Node and through the
// core component (jco transpile) and requires identical results: equal
// values, equal bytes, and for failures the same error record (code,
// detail, location, hint). Counts the inputs per interface for the report.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { makeInterfaces, type CoreInterfaces } from "../../core/component/src/interfaces.js";
import { loadCoreComponent } from "../../host-node/src/core-component.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";

export type Outcome = { readonly ok: unknown } | { readonly err: unknown };

export interface Sides {
  /** The TypeScript core in Node (node:crypto SHA-256, kernels for BLAKE3). */
  readonly direct: CoreInterfaces;
  /** The composed component: SpiderMonkey in wasm, hashing by the kernels component. */
  readonly component: CoreInterfaces;
}

export const coreVersion = (): string => JSON.parse(readFileSync(join(repoRoot, "core/package.json"), "utf8")).version as string;

export async function loadSides(): Promise<Sides> {
  return {
    direct: makeInterfaces(await nodeHashing(), coreVersion()),
    component: (await loadCoreComponent()) as unknown as CoreInterfaces,
  };
}

/** What a call gave: its value, or the error record (jco throws a ComponentError carrying it as `payload`). */
export function outcome(run: () => unknown): Outcome {
  try {
    return { ok: run() };
  } catch (e) {
    const payload = (e as { payload?: unknown }).payload;
    if (payload !== undefined) return { err: payload };
    if (e !== null && typeof e === "object" && "code" in e && "detail" in e) return { err: e };
    // A trap or a bug in the bindings: not a WIT error at all.
    return { err: `NOT A WIT ERROR: ${String(e)}` };
  }
}

/** A WIT value with optional fields that are undefined left out (jco omits them, the direct side keeps the keys). */
export function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString("hex") };
  // jco gives other lists of numbers (list<u32>) as typed arrays.
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, plain(x)]),
    );
  }
  return typeof v === "bigint" ? { u64: v.toString() } : v;
}

export const counts = new Map<string, number>();

type Iface = Exclude<keyof CoreInterfaces, "types">;

/**
 * Calls `iface.fn(...args)` on both sides, asserts identical outcomes and
 * returns the direct one. Bytes compare as hex, so a difference shows where.
 */
export function same<I extends Iface, F extends keyof CoreInterfaces[I]>(
  sides: Sides,
  iface: I,
  fn: F,
  ...args: unknown[]
): Outcome {
  const call = (s: CoreInterfaces) => outcome(() => (s[iface][fn] as (...a: unknown[]) => unknown)(...args));
  const direct = call(sides.direct);
  const viaComponent = call(sides.component);
  expect(plain(viaComponent), `${iface}.${String(fn)}`).toEqual(plain(direct));
  counts.set(iface, (counts.get(iface) ?? 0) + 1);
  return direct;
}

/** The value of an outcome that must be ok. */
export function okOf(o: Outcome): unknown {
  if ("err" in o) throw new Error(`expected a value, got ${JSON.stringify(o.err)}`);
  return o.ok;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const fromB64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "base64"));
