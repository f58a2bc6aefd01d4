// Every type string of an ApiSurface document, with the type parameters in
// scope where it appears, and the round-trip check the bridge tests share:
// printType(parseType(s)) must give s back.
import { escapePath } from "../../core/src/go/modpath.js";
import type { ApiFunc, ApiSurface, ApiTypeParam } from "../../core/src/bridge/apisurface.js";
import { parseType, printType } from "../../core/src/bridge/typeexpr.js";

export interface TypeString {
  readonly where: string;
  readonly text: string;
  readonly scope: readonly string[];
}

/** fixtures/surfaces/<escaped module path>@<version>.json, the path's slashes as directories. */
export function surfaceFile(path: string, version: string): string {
  return `${escapePath(path)}@${version}.json`;
}

export function everyTypeString(surface: ApiSurface): TypeString[] {
  const out: TypeString[] = [];
  const names = (tps: readonly ApiTypeParam[] | undefined) => (tps ?? []).map((t) => t.name);
  const typeParams = (tps: readonly ApiTypeParam[] | undefined, where: string, scope: readonly string[]) =>
    (tps ?? []).forEach((t, i) => t.constraint !== undefined && out.push({ where: `${where}.type_params[${i}]`, text: t.constraint, scope }));
  const func = (f: ApiFunc, where: string, outer?: readonly ApiTypeParam[]) => {
    const tps = f.type_params ?? outer;
    const scope = names(tps);
    typeParams(tps, where, scope);
    (f.params ?? []).forEach((p, i) => out.push({ where: `${where}.params[${i}]`, text: p.type, scope }));
    (f.results ?? []).forEach((p, i) => out.push({ where: `${where}.results[${i}]`, text: p.type, scope }));
    (f.promoted_via ?? []).forEach((s, i) => out.push({ where: `${where}.promoted_via[${i}]`, text: s, scope }));
  };
  surface.packages.forEach((p, pi) => {
    const pw = `$.packages[${pi}]`;
    (p.funcs ?? []).forEach((f, i) => func(f, `${pw}.funcs[${i}]`));
    (p.types ?? []).forEach((t, i) => {
      const w = `${pw}.types[${i}]`;
      const scope = names(t.type_params);
      typeParams(t.type_params, w, scope);
      if (t.underlying !== undefined) out.push({ where: `${w}.underlying`, text: t.underlying, scope });
      if (t.alias_of !== undefined) out.push({ where: `${w}.alias_of`, text: t.alias_of, scope });
      (t.fields ?? []).forEach((f, j) => out.push({ where: `${w}.fields[${j}]`, text: f.type, scope }));
      (t.embedded_types ?? []).forEach((s, j) => out.push({ where: `${w}.embedded_types[${j}]`, text: s, scope }));
      (t.methods ?? []).forEach((m, j) => func(m, `${w}.methods[${j}]`, t.type_params));
      (t.interface_methods ?? []).forEach((m, j) => func(m, `${w}.interface_methods[${j}]`, t.type_params));
    });
    for (const kind of ["consts", "vars"] as const) {
      (p[kind] ?? []).forEach((v, i) => v.type !== undefined && out.push({ where: `${pw}.${kind}[${i}]`, text: v.type, scope: [] }));
    }
  });
  return out;
}

/** `where: text => what came back` for every string that does not round-trip. */
export function roundTripFailures(surface: ApiSurface): string[] {
  const failures: string[] = [];
  for (const { where, text, scope } of everyTypeString(surface)) {
    let back: string;
    try {
      back = printType(parseType(text, { typeParams: scope }));
    } catch (e) {
      back = `error ${(e as Error).message}`;
    }
    if (back !== text) failures.push(`${where}: ${text} => ${back}`);
  }
  return failures;
}
