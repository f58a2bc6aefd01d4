// Reading an ApiSurface document (schema_version 1, core/src/bridge/apisurface.ts):
// validate its shape, parse every type string (typeexpr.ts) and index the
// packages, funcs, types, methods, consts and vars by name.
//
// An item whose type strings do not all parse is not an error: it becomes
// one skip entry with the stable reason `SkipUnparsableType` and the rest of
// the module is read (the reference's Load failed the whole module on the
// first bad string). A document of the wrong shape is an error naming the
// JSON path of the offending value.
//
// apiSurfaceSha256 hashes the canonical JSON of the document without
// `go_version` and `generated_by`, so the hash recorded in the lockfile
// (`api-surface-sha256`) does not change with the ingesting toolchain.

import { compareUtf8, hexEncode, utf8Encode } from "../bytes.js";
import { MochiError, isMochiError, type ErrorCode } from "../errors.js";
import type { Hashing } from "../hashing.js";
import {
  API_SURFACE_SCHEMA_VERSION,
  type ApiField,
  type ApiFunc,
  type ApiPackage,
  type ApiParam,
  type ApiSurface,
  type ApiType,
  type ApiTypeParam,
  type ApiValue,
} from "./apisurface.js";
import { parseType, type FuncType, type GoParam, type GoType } from "./typeexpr.js";

/** The skip reason of an item with a type string the parser rejects. A stable token (docs/apisurface.md). */
export const SKIP_UNPARSABLE_TYPE = "SkipUnparsableType";

export type SurfaceItemKind = "func" | "method" | "type" | "const" | "var";

/** An item left out because one of its type strings did not parse. */
export interface SurfaceSkip {
  /** `<import path>.<Name>`, or `<import path>.<Type>.<Method>` for a method. */
  readonly item: string;
  readonly kind: SurfaceItemKind;
  readonly reason: typeof SKIP_UNPARSABLE_TYPE;
  /** The parser's error code and message. */
  readonly code: ErrorCode;
  readonly detail: string;
  /** The JSON path of the string that failed, e.g. `$.packages[0].funcs[3].params[1].type`. */
  readonly where: string;
  readonly typeString: string;
  readonly position?: string;
}

export interface TypeParamView {
  readonly name: string;
  /** `any` when the document gives no constraint. */
  readonly constraint: GoType;
}

export interface FuncView {
  readonly decl: ApiFunc;
  readonly typeParams: readonly TypeParamView[];
  /** Parameters and results as a func type; a variadic last parameter has its slice type. */
  readonly signature: FuncType;
}

export interface FieldView {
  readonly decl: ApiField;
  readonly type: GoType;
}

export interface TypeView {
  readonly decl: ApiType;
  readonly typeParams: readonly TypeParamView[];
  readonly underlying?: GoType;
  readonly aliasOf?: GoType;
  readonly fields: readonly FieldView[];
  /** Declared and promoted methods whose strings parsed, by name. */
  readonly methods: ReadonlyMap<string, FuncView>;
  readonly interfaceMethods: ReadonlyMap<string, FuncView>;
  readonly embeddedTypes: readonly GoType[];
}

export interface ValueView {
  readonly decl: ApiValue;
  readonly type?: GoType;
}

export interface PackageView {
  readonly decl: ApiPackage;
  readonly importPath: string;
  readonly name: string;
  readonly funcs: ReadonlyMap<string, FuncView>;
  readonly types: ReadonlyMap<string, TypeView>;
  readonly consts: ReadonlyMap<string, ValueView>;
  readonly vars: ReadonlyMap<string, ValueView>;
  /** This package's items left out, sorted by item. */
  readonly skips: readonly SurfaceSkip[];
}

export interface SurfaceView {
  /** The validated document, as parsed (unknown keys kept). */
  readonly surface: ApiSurface;
  /** By import path, in document order (sorted by import path). */
  readonly packages: ReadonlyMap<string, PackageView>;
  /** Every package's skips, sorted by item. */
  readonly skips: readonly SurfaceSkip[];
}

export function lookupFunc(view: SurfaceView, importPath: string, name: string): FuncView | undefined {
  return view.packages.get(importPath)?.funcs.get(name);
}

export function lookupType(view: SurfaceView, importPath: string, name: string): TypeView | undefined {
  return view.packages.get(importPath)?.types.get(name);
}

export function lookupMethod(view: SurfaceView, importPath: string, typeName: string, method: string): FuncView | undefined {
  const t = lookupType(view, importPath, typeName);
  return t?.methods.get(method) ?? t?.interfaceMethods.get(method);
}

// ---- shape checks ----------------------------------------------------------

type Json = unknown;
type Obj = Readonly<Record<string, Json>>;

function shapeError(where: string, wanted: string, got: Json): never {
  const found = got === undefined ? "nothing" : Array.isArray(got) ? "an array" : got === null ? "null" : `a ${typeof got}`;
  throw new MochiError("M074_SURFACE_E003", `expected ${wanted}, found ${found}`, { where });
}

function obj(v: Json, where: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) shapeError(where, "an object", v);
  return v as Obj;
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string") shapeError(`${where}.${key}`, "a string", v);
  return v;
}

function optional(o: Obj, key: string, where: string, type: "string" | "boolean"): void {
  const v = o[key];
  if (v !== undefined && typeof v !== type) shapeError(`${where}.${key}`, `a ${type}`, v);
}

function list(o: Obj, key: string, where: string, required = false): readonly Json[] {
  const v = o[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) shapeError(`${where}.${key}`, "an array", v);
  return v;
}

function strings(o: Obj, key: string, where: string): void {
  list(o, key, where).forEach((s, i) => {
    if (typeof s !== "string") shapeError(`${where}.${key}[${i}]`, "a string", s);
  });
}

function checkOneOf(o: Obj, key: string, where: string, allowed: readonly string[]): void {
  const v = str(o, key, where);
  if (!allowed.includes(v)) {
    throw new MochiError("M074_SURFACE_E003", `${JSON.stringify(v)} is not one of ${allowed.join(", ")}`, { where: `${where}.${key}` });
  }
}

const TYPE_KINDS = ["struct", "interface", "alias", "basic", "slice", "map", "chan", "func", "array", "pointer", "named"];
const SKIP_KINDS = ["func", "type", "const", "var", "unknown"];

function checkParams(o: Obj, key: string, where: string): void {
  list(o, key, where).forEach((p, i) => {
    const w = `${where}.${key}[${i}]`;
    const po = obj(p, w);
    optional(po, "name", w, "string");
    str(po, "type", w);
  });
}

function checkTypeParams(o: Obj, where: string): void {
  list(o, "type_params", where).forEach((p, i) => {
    const w = `${where}.type_params[${i}]`;
    const po = obj(p, w);
    str(po, "name", w);
    optional(po, "constraint", w, "string");
  });
}

function checkFunc(v: Json, where: string): void {
  const o = obj(v, where);
  str(o, "name", where);
  for (const k of ["doc", "position", "receiver", "deprecated", "promoted_from"]) optional(o, k, where, "string");
  for (const k of ["receiver_pointer", "variadic"]) optional(o, k, where, "boolean");
  checkTypeParams(o, where);
  checkParams(o, "params", where);
  checkParams(o, "results", where);
  strings(o, "promoted_via", where);
}

function checkType(v: Json, where: string): void {
  const o = obj(v, where);
  str(o, "name", where);
  checkOneOf(o, "kind", where, TYPE_KINDS);
  for (const k of ["doc", "position", "underlying", "alias_of", "deprecated"]) optional(o, k, where, "string");
  checkTypeParams(o, where);
  list(o, "fields", where).forEach((f, i) => {
    const w = `${where}.fields[${i}]`;
    const fo = obj(f, w);
    str(fo, "name", w);
    str(fo, "type", w);
    for (const k of ["tag", "doc", "deprecated"]) optional(fo, k, w, "string");
    if (typeof fo["exported"] !== "boolean") shapeError(`${w}.exported`, "a boolean", fo["exported"]);
    optional(fo, "embedded", w, "boolean");
  });
  list(o, "methods", where).forEach((m, i) => checkFunc(m, `${where}.methods[${i}]`));
  list(o, "interface_methods", where).forEach((m, i) => checkFunc(m, `${where}.interface_methods[${i}]`));
  for (const k of ["value_method_set", "pointer_method_set", "embedded_types"]) strings(o, k, where);
}

function checkValue(v: Json, where: string): void {
  const o = obj(v, where);
  str(o, "name", where);
  for (const k of ["type", "doc", "position", "const", "deprecated"]) optional(o, k, where, "string");
}

function checkPackage(v: Json, where: string): void {
  const o = obj(v, where);
  str(o, "import_path", where);
  str(o, "name", where);
  for (const k of ["doc", "deprecated"]) optional(o, k, where, "string");
  for (const k of ["is_main", "internal"]) optional(o, k, where, "boolean");
  strings(o, "imports", where);
  strings(o, "errors", where);
  list(o, "files", where).forEach((f, i) => {
    const w = `${where}.files[${i}]`;
    const fo = obj(f, w);
    str(fo, "name", w);
    optional(fo, "build_constraint", w, "string");
    for (const k of ["requires_cgo", "ignored"]) optional(fo, k, w, "boolean");
  });
  list(o, "funcs", where).forEach((f, i) => checkFunc(f, `${where}.funcs[${i}]`));
  list(o, "types", where).forEach((t, i) => checkType(t, `${where}.types[${i}]`));
  list(o, "consts", where).forEach((c, i) => checkValue(c, `${where}.consts[${i}]`));
  list(o, "vars", where).forEach((c, i) => checkValue(c, `${where}.vars[${i}]`));
  list(o, "skipped", where).forEach((s, i) => {
    const w = `${where}.skipped[${i}]`;
    const so = obj(s, w);
    checkOneOf(so, "kind", w, SKIP_KINDS);
    str(so, "name", w);
    str(so, "reason", w);
    optional(so, "position", w, "string");
  });
}

function checkSurface(v: Json): ApiSurface {
  const o = obj(v, "$");
  if (o["schema_version"] !== API_SURFACE_SCHEMA_VERSION) {
    throw new MochiError("M074_SURFACE_E002", `schema_version is ${JSON.stringify(o["schema_version"]) ?? "missing"}, not ${API_SURFACE_SCHEMA_VERSION}`, {
      where: "$.schema_version",
    });
  }
  str(o, "module", "$");
  for (const k of ["version", "go_version", "generated_by"]) optional(o, k, "$", "string");
  if (o["build"] !== undefined) {
    const b = obj(o["build"], "$.build");
    str(b, "goos", "$.build");
    str(b, "goarch", "$.build");
    strings(b, "tags", "$.build");
    optional(b, "cgo", "$.build", "boolean");
  }
  list(o, "packages", "$", true).forEach((p, i) => checkPackage(p, `$.packages[${i}]`));
  return v as ApiSurface;
}

// ---- typed view ------------------------------------------------------------

/** Raised inside an item's reader when one of its strings does not parse. */
class Unparsable {
  constructor(
    readonly error: MochiError,
    readonly where: string,
    readonly typeString: string,
  ) {}
}

function parseAt(s: string, where: string, scope: readonly string[]): GoType {
  try {
    return parseType(s, { typeParams: scope, where });
  } catch (e) {
    if (isMochiError(e)) throw new Unparsable(e, where, s);
    throw e;
  }
}

const ANY: GoType = { kind: "basic", name: "any" };

function typeParamViews(params: readonly ApiTypeParam[] | undefined, where: string): TypeParamView[] {
  const scope = (params ?? []).map((p) => p.name);
  return (params ?? []).map((p, i) => ({
    name: p.name,
    constraint: p.constraint === undefined ? ANY : parseAt(p.constraint, `${where}.type_params[${i}].constraint`, scope),
  }));
}

function paramViews(params: readonly ApiParam[] | undefined, where: string, scope: readonly string[]): GoParam[] {
  return (params ?? []).map((p, i) => {
    const type = parseAt(p.type, `${where}[${i}].type`, scope);
    return p.name === undefined || p.name === "" ? { type } : { name: p.name, type };
  });
}

function funcView(decl: ApiFunc, where: string, outer: readonly ApiTypeParam[] | undefined): FuncView {
  const ownParams = decl.type_params ?? outer;
  const typeParams = typeParamViews(ownParams, where);
  const scope = typeParams.map((p) => p.name);
  const params = paramViews(decl.params, `${where}.params`, scope);
  const results = paramViews(decl.results, `${where}.results`, scope);
  const variadic = decl.variadic === true;
  if (variadic && params[params.length - 1]?.type.kind !== "slice") {
    throw new MochiError("M074_SURFACE_E003", "a variadic func's last parameter must have a slice type", { where: `${where}.params` });
  }
  return { decl, typeParams, signature: { kind: "func", params, results, variadic } };
}

function unique<T>(items: readonly { readonly name: string }[], where: string, what: string, make: (i: number) => T | undefined): Map<string, T> {
  const out = new Map<string, T>();
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) {
      throw new MochiError("M074_SURFACE_E004", `${what} ${JSON.stringify(item.name)} is listed twice`, { where: `${where}[${i}]` });
    }
    seen.add(item.name);
    const v = make(i);
    if (v !== undefined) out.set(item.name, v);
  });
  return out;
}

class PackageReader {
  readonly skips: SurfaceSkip[] = [];

  constructor(readonly pkg: ApiPackage) {}

  /** Runs `read`; an Unparsable becomes a skip of the item instead. */
  item<T>(kind: SurfaceItemKind, name: string, position: string | undefined, read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof Unparsable)) throw e;
      const skip: SurfaceSkip = {
        item: `${this.pkg.import_path}.${name}`,
        kind,
        reason: SKIP_UNPARSABLE_TYPE,
        code: e.error.code,
        detail: e.error.detail,
        where: e.where,
        typeString: e.typeString,
      };
      this.skips.push(position === undefined ? skip : { ...skip, position });
      return undefined;
    }
  }

  type(decl: ApiType, where: string): TypeView | undefined {
    const shape = this.item("type", decl.name, decl.position, () => {
      const typeParams = typeParamViews(decl.type_params, where);
      const scope = typeParams.map((p) => p.name);
      const at = (s: string | undefined, w: string): GoType | undefined => (s === undefined ? undefined : parseAt(s, w, scope));
      return {
        typeParams,
        underlying: at(decl.underlying, `${where}.underlying`),
        aliasOf: at(decl.alias_of, `${where}.alias_of`),
        fields: (decl.fields ?? []).map((f, i) => ({ decl: f, type: parseAt(f.type, `${where}.fields[${i}].type`, scope) })),
        embeddedTypes: (decl.embedded_types ?? []).map((s, i) => parseAt(s, `${where}.embedded_types[${i}]`, scope)),
        interfaceMethods: unique((decl.interface_methods ?? []), `${where}.interface_methods`, "interface method", (i) =>
          funcView(decl.interface_methods![i]!, `${where}.interface_methods[${i}]`, decl.type_params),
        ),
      };
    });
    if (shape === undefined) return undefined;
    const methods = unique(decl.methods ?? [], `${where}.methods`, `method of ${decl.name}`, (i) => {
      const m = decl.methods![i]!;
      return this.item("method", `${decl.name}.${m.name}`, m.position, () => funcView(m, `${where}.methods[${i}]`, decl.type_params));
    });
    const { underlying, aliasOf, ...rest } = shape;
    return {
      decl,
      ...rest,
      methods,
      ...(underlying === undefined ? {} : { underlying }),
      ...(aliasOf === undefined ? {} : { aliasOf }),
    };
  }

  value(kind: "const" | "var", decl: ApiValue, where: string): ValueView | undefined {
    return this.item(kind, decl.name, decl.position, () =>
      decl.type === undefined ? { decl } : { decl, type: parseAt(decl.type, `${where}.type`, []) },
    );
  }
}

function compareSkips(a: SurfaceSkip, b: SurfaceSkip): number {
  return compareUtf8(a.item, b.item) || compareUtf8(a.where, b.where);
}

function packageView(pkg: ApiPackage, where: string): PackageView {
  const r = new PackageReader(pkg);
  const funcs = unique(pkg.funcs ?? [], `${where}.funcs`, "func", (i) => {
    const f = pkg.funcs![i]!;
    return r.item("func", f.name, f.position, () => funcView(f, `${where}.funcs[${i}]`, undefined));
  });
  const types = unique(pkg.types ?? [], `${where}.types`, "type", (i) => r.type(pkg.types![i]!, `${where}.types[${i}]`));
  const consts = unique(pkg.consts ?? [], `${where}.consts`, "const", (i) => r.value("const", pkg.consts![i]!, `${where}.consts[${i}]`));
  const vars = unique(pkg.vars ?? [], `${where}.vars`, "var", (i) => r.value("var", pkg.vars![i]!, `${where}.vars[${i}]`));
  return { decl: pkg, importPath: pkg.import_path, name: pkg.name, funcs, types, consts, vars, skips: r.skips.sort(compareSkips) };
}

/**
 * Validates an ApiSurface document and returns its typed, indexed view.
 * Throws M074_SURFACE_E001 (not JSON), E002 (schema_version is not 1),
 * E003 (a value of the wrong shape, at its JSON path) or E004 (a name listed
 * twice). Items with unparsable type strings become skips.
 */
export function readApiSurface(json: string): SurfaceView {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new MochiError("M074_SURFACE_E001", `not JSON: ${(e as Error).message}`, { where: "ApiSurface document" });
  }
  const surface = checkSurface(doc);
  const packages = new Map<string, PackageView>();
  surface.packages.forEach((p, i) => {
    if (packages.has(p.import_path)) {
      throw new MochiError("M074_SURFACE_E004", `package ${JSON.stringify(p.import_path)} is listed twice`, { where: `$.packages[${i}]` });
    }
    packages.set(p.import_path, packageView(p, `$.packages[${i}]`));
  });
  const skips = [...packages.values()].flatMap((p) => p.skips).sort(compareSkips);
  return { surface, packages, skips };
}

// ---- hashed projection -----------------------------------------------------

/** Keys of the document left out of the hashed projection: they name the tool, not the API. */
const UNHASHED_KEYS: ReadonlySet<string> = new Set(["go_version", "generated_by"]);

/**
 * Canonical JSON: object keys sorted by UTF-8 byte order, no whitespace,
 * strings escaped as JSON.stringify does, integers in decimal; keys whose
 * value is undefined are left out, as in JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new MochiError("M074_SURFACE_E003", `number ${value} has no JSON form`, { where: "canonical JSON" });
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareUtf8(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new MochiError("M074_SURFACE_E003", `a ${typeof value} has no JSON form`, { where: "canonical JSON" });
}

/** The hashed projection: the canonical JSON of the document without go_version and generated_by. */
export function apiSurfaceProjection(surface: ApiSurface): string {
  const projected = Object.fromEntries(Object.entries(surface).filter(([k]) => !UNHASHED_KEYS.has(k)));
  return canonicalJson(projected);
}

/** `api-surface-sha256`: lower-case hex SHA-256 of the hashed projection's UTF-8 bytes. */
export function apiSurfaceSha256(surface: ApiSurface, hashing: Hashing): string {
  return hexEncode(hashing.digest("sha256", utf8Encode(apiSurfaceProjection(surface))));
}
