// The closed type table of the Go bridge (docs/typemap.md is the prose
// version): every Go type either maps to a Mochi type plus the C-ABI
// lowering class the cgo wrapper uses, or fails with a stable Skip token.
// The table works on parsed, package-qualified GoTypes (typeexpr.ts).
//
// Mochi has no bytes, error, handle or result types (GRAMMAR.md §3.1, R7),
// so the table declares what it needs: opaque Go values are handles typed by
// `type X = any` aliases (R8, verified example X3/X5), structs whose fields
// are all exported and mappable are records, and `(T, error)` results are
// sum types. Declared types are referenced by key (`MochiType` kind "decl")
// and named by the plan, which sees the whole module.

import { escapeReserved, pascalCase } from "./names.js";
import type { SkipToken } from "./skip.js";
import type { PackageView, SurfaceView, TypeView } from "./surface.js";
import { printType, type ChanDir, type GoParam, type GoType, type NamedType } from "./typeexpr.js";

export type IntBits = 8 | 16 | 32 | 64;

/**
 * How a value crosses the C ABI; the wrapper synthesiser switches on
 * `class`. Nested values carry their own Mapped (with the exact Go type
 * to convert to).
 */
export type Lowering =
  /**
   * int64_t on the wire (Mochi's int). `platform`: Go's int/uint/uintptr,
   * whose width is the target's. `checkToGo`: the Mochi value may not fit
   * the Go type (narrower, unsigned or platform-sized): the wrapper checks.
   * `checkToMochi`: the Go value may not fit int64; never set, since 64-bit
   * unsigned values cross as their two's-complement bit pattern.
   */
  | {
      readonly class: "int";
      readonly bits: IntBits;
      readonly signed: boolean;
      readonly platform: boolean;
      readonly checkToGo: boolean;
      readonly checkToMochi: boolean;
    }
  /** double on the wire; float32 rounds to nearest and a finite value beyond ±MaxFloat32 is a range error. */
  | { readonly class: "float"; readonly bits: 32 | 64; readonly checkToGo: boolean }
  | { readonly class: "bool" }
  /** UTF-8 bytes as (pointer, length), allocated by the sender, freed by the receiver; may hold NUL. */
  | { readonly class: "string" }
  /** `[]byte` or `[N]byte` as (pointer, length); Mochi list<int> of 0..255. `length`: an array's exact length. */
  | { readonly class: "bytes"; readonly length?: number }
  /** Slices, arrays and variadics, copied element by element into an array of the element's lowering. */
  | { readonly class: "list"; readonly elem: Mapped; readonly length?: number }
  /** Maps, copied as parallel key and value arrays. */
  | { readonly class: "map"; readonly key: Mapped; readonly value: Mapped }
  /** A struct copied field by field (`named` false: an anonymous struct type). No fields: Go `struct{}`, Mochi unit. */
  | { readonly class: "record"; readonly fields: readonly RecordField[]; readonly named: boolean }
  /**
   * A uint64 id into the wrapper's handle pool. `of`: what the Go type is;
   * "opaque" for a foreign named type whose kind the surface does not say.
   * `pointer`: this position is `*T`. Struct and opaque handles hold a
   * pointer (a `T` value is boxed on the way out, copied out of the box on
   * the way in), interface handles hold the interface's dynamic value.
   */
  | { readonly class: "handle"; readonly of: "struct" | "interface" | "opaque"; readonly pointer: boolean }
  /** `*T` of a type that crosses by value: a handle holding the Go pointer; the plan adds new/load/store. */
  | { readonly class: "ref"; readonly elem: Mapped }
  /** A handle holding the channel; the plan adds make/send/recv/close as its direction allows. */
  | { readonly class: "chan"; readonly dir: ChanDir; readonly elem: Mapped }
  /**
   * Mochi to Go: a C function pointer plus user data, wrapped in a Go
   * closure. Go to Mochi: a handle to the Go func, called through the
   * signature's call symbol. `results` excludes a trailing error.
   */
  | {
      readonly class: "func";
      readonly params: readonly Mapped[];
      readonly results: readonly Mapped[];
      readonly error: boolean;
      readonly variadic: boolean;
    }
  /** A handle holding a Go error (0 = nil); Mochi code makes one with `error_new`. */
  | { readonly class: "error" }
  /** `any`/`interface{}`: a tagged dynamic value (none, bool, int, float, string, list, map, or a handle for anything else). */
  | { readonly class: "dynamic" };

export type LoweringClass = Lowering["class"];

export interface RecordField {
  /** The Go field name, also the Mochi field name (exported Go names are never Mochi keywords). */
  readonly name: string;
  readonly embedded: boolean;
  readonly type: Mapped;
}

/**
 * A Go type with its Mochi type and lowering. The graph of Mapped values can
 * be cyclic (a record with a `*Self` field reaches itself through the ref's
 * elem), so a walk over it keeps a set of the values it has seen.
 */
export interface Mapped {
  /** The Go type, every named type qualified by its import path (printType of goType). */
  readonly go: string;
  readonly goType: GoType;
  readonly mochi: MochiType;
  readonly lower: Lowering;
}

/** A Mochi type (GRAMMAR.md §2.4); "decl" refers to a type the plan declares and names. */
export type MochiType =
  | { readonly kind: "prim"; readonly name: "int" | "float" | "bool" | "string" | "any" | "unit" }
  | { readonly kind: "list"; readonly elem: MochiType }
  | { readonly kind: "map"; readonly key: MochiType; readonly value: MochiType }
  | { readonly kind: "option"; readonly elem: MochiType }
  | { readonly kind: "fun"; readonly params: readonly MochiType[]; readonly result: MochiType }
  | { readonly kind: "record"; readonly fields: readonly { readonly name: string; readonly type: MochiType }[] }
  | { readonly kind: "decl"; readonly key: string };

/** A Mochi type the plan declares. `tag` is the PascalCase name before the alias prefix and de-duplication. */
export type MochiDecl =
  /** `extern type X` + `type X = any`. */
  | {
      readonly kind: "handle";
      readonly key: string;
      readonly tag: string;
      readonly go: string;
      readonly of: "struct" | "interface" | "opaque" | "error";
    }
  /** `type X = T`: a named non-struct type that crosses by value as its underlying type. */
  | { readonly kind: "alias"; readonly key: string; readonly tag: string; readonly go: string; readonly target: MochiType }
  /** `type X { F: T, ... }`. */
  | { readonly kind: "record"; readonly key: string; readonly tag: string; readonly go: string; readonly fields: readonly RecordField[] }
  /** A handle alias for `*T` of a by-value T. */
  | { readonly kind: "ref"; readonly key: string; readonly tag: string; readonly go: string; readonly elem: Mapped }
  /** A handle alias for a channel. */
  | {
      readonly kind: "chan";
      readonly key: string;
      readonly tag: string;
      readonly go: string;
      readonly dir: ChanDir;
      readonly elem: Mapped;
    }
  /** `Ok(value: T) | Err(message: string, err: Error)`; no value: the status type `Ok | Err(..)`. */
  | { readonly kind: "result"; readonly key: string; readonly tag: string; readonly value?: MochiType }
  /** The record of a multi-result call. */
  | {
      readonly kind: "results";
      readonly key: string;
      readonly tag: string;
      readonly fields: readonly { readonly name: string; readonly type: MochiType; readonly go: string }[];
    }
  | never;

export type MapResult =
  | { readonly ok: true; readonly mapped: Mapped }
  | { readonly ok: false; readonly reason: SkipToken; readonly detail: string };

/** What a call returns, seen from both sides. */
export interface ResultShape {
  /** The Go results without a trailing error. */
  readonly values: readonly Mapped[];
  /** With two or more values: the Mochi field name of each (Go result names when all are usable, else r0, r1, ...). */
  readonly names: readonly string[];
  /** The Go results end with `error`. */
  readonly error: boolean;
  /** unit, the single value's type, a "results" record, or a "result" sum when `error`. */
  readonly mochi: MochiType;
}

/**
 * Foreign named types whose underlying type is basic, so they cross by value
 * instead of as handles (the surface does not describe foreign types).
 */
export const KNOWN_FOREIGN_BASIC: Readonly<Record<string, string>> = {
  "database/sql/driver.Value": "any",
  "io/fs.FileMode": "uint32",
  "log/slog.Level": "int",
  "os.FileMode": "uint32",
  "time.Duration": "int64",
  "time.Month": "int",
  "time.Weekday": "int",
};

const INTS: Readonly<Record<string, { bits: IntBits; signed: boolean; platform: boolean }>> = {
  int: { bits: 64, signed: true, platform: true },
  int8: { bits: 8, signed: true, platform: false },
  int16: { bits: 16, signed: true, platform: false },
  int32: { bits: 32, signed: true, platform: false },
  rune: { bits: 32, signed: true, platform: false },
  int64: { bits: 64, signed: true, platform: false },
  uint: { bits: 64, signed: false, platform: true },
  uint8: { bits: 8, signed: false, platform: false },
  byte: { bits: 8, signed: false, platform: false },
  uint16: { bits: 16, signed: false, platform: false },
  uint32: { bits: 32, signed: false, platform: false },
  uint64: { bits: 64, signed: false, platform: false },
  uintptr: { bits: 64, signed: false, platform: true },
};

const PRIM = {
  int: { kind: "prim", name: "int" },
  float: { kind: "prim", name: "float" },
  bool: { kind: "prim", name: "bool" },
  string: { kind: "prim", name: "string" },
  any: { kind: "prim", name: "any" },
  unit: { kind: "prim", name: "unit" },
} as const satisfies Record<string, MochiType>;

export const ERROR_DECL_KEY = "handle:error";
export const STATUS_DECL_KEY = "result:";

/** Go's token.IsExported: the name starts with an upper-case letter. */
export function isExported(name: string): boolean {
  const c = String.fromCodePoint(name.codePointAt(0) ?? 0x61);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Whether the import path has an `internal` element (importable only inside its parent tree). */
export function isInternalPath(path: string): boolean {
  return path.split("/").includes("internal");
}

/** Replaces the empty package path (the package being read) by `pkgPath`, everywhere in the type. */
export function qualify(t: GoType, pkgPath: string): GoType {
  const q = (x: GoType): GoType => qualify(x, pkgPath);
  const qp = (p: GoParam): GoParam => ({ ...p, type: q(p.type) });
  switch (t.kind) {
    case "basic":
    case "typeparam":
      return t;
    case "named":
      return { ...t, pkg: t.pkg === "" ? pkgPath : t.pkg, args: t.args.map(q) };
    case "pointer":
    case "slice":
    case "array":
    case "chan":
      return { ...t, elem: q(t.elem) };
    case "map":
      return { ...t, key: q(t.key), value: q(t.value) };
    case "func":
      return { ...t, params: t.params.map(qp), results: t.results.map(qp) };
    case "interface":
      return {
        ...t,
        methods: t.methods.map((m) => ({ ...m, type: qualify(m.type, pkgPath) as typeof m.type })),
        embedded: t.embedded.map(q),
      };
    case "struct":
      return { ...t, fields: t.fields.map((f) => ({ ...f, type: q(f.type) })) };
    case "union":
      return { ...t, terms: t.terms.map((x) => ({ ...x, type: q(x.type) })) };
  }
}

/** Replaces type parameters by type arguments (monomorphisation). */
export function substitute(t: GoType, args: ReadonlyMap<string, GoType>): GoType {
  const s = (x: GoType): GoType => substitute(x, args);
  const sp = (p: GoParam): GoParam => ({ ...p, type: s(p.type) });
  switch (t.kind) {
    case "typeparam":
      return args.get(t.name) ?? t;
    case "basic":
      return t;
    case "named":
      return { ...t, args: t.args.map(s) };
    case "pointer":
    case "slice":
    case "array":
    case "chan":
      return { ...t, elem: s(t.elem) };
    case "map":
      return { ...t, key: s(t.key), value: s(t.value) };
    case "func":
      return { ...t, params: t.params.map(sp), results: t.results.map(sp) };
    case "interface":
      return { ...t, methods: t.methods.map((m) => ({ ...m, type: substitute(m.type, args) as typeof m.type })), embedded: t.embedded.map(s) };
    case "struct":
      return { ...t, fields: t.fields.map((f) => ({ ...f, type: s(f.type) })) };
    case "union":
      return { ...t, terms: t.terms.map((x) => ({ ...x, type: s(x.type) })) };
  }
}

/** A declared type of the surface with the package that declares it. */
export interface IndexedType {
  readonly pkg: PackageView;
  readonly type: TypeView;
}

/** The surface's types by qualified name (`<import path>.<Name>`). */
export function indexTypes(view: SurfaceView): Map<string, IndexedType> {
  const index = new Map<string, IndexedType>();
  for (const pkg of view.packages.values()) for (const type of pkg.types.values()) index.set(`${pkg.importPath}.${type.decl.name}`, { pkg, type });
  return index;
}

const fail = (reason: SkipToken, detail: string): MapResult => ({ ok: false, reason, detail });
const ok = (mapped: Mapped): MapResult => ({ ok: true, mapped });

/** Where a named struct crosses: by value as a record, or as a handle. */
type StructDecision = "record" | "handle";

/**
 * The type table over one module's surface. `map` is memoised by the
 * qualified Go type; declared types accumulate in `decls` (the plan emits
 * only those its bridged items reach).
 */
export class TypeTable {
  readonly module: string;
  readonly index: ReadonlyMap<string, IndexedType>;
  #decls = new Map<string, MochiDecl>();
  readonly #memo = new Map<string, MapResult>();
  readonly #records = new Map<string, StructDecision>();
  /** Named non-struct types being mapped by value: a cycle through them becomes a handle. */
  readonly #valueStack = new Set<string>();
  /** While deciding records: struct keys used by value are answered with a placeholder and recorded. */
  #probe: Set<string> | undefined;

  constructor(view: SurfaceView, index: ReadonlyMap<string, IndexedType> = indexTypes(view)) {
    this.module = view.surface.module;
    this.index = index;
    this.#decideRecords();
  }

  /** The declared type with this key (every key in a Mapped's Mochi type has one). */
  decl(key: string): MochiDecl {
    const d = this.#decls.get(key);
    if (d === undefined) throw new Error(`no Mochi declaration ${key}`);
    return d;
  }

  /** Maps a type of a signature in package `pkgPath` (empty package paths in `t` mean that package). */
  map(t: GoType, pkgPath: string): MapResult {
    return this.#map(qualify(t, pkgPath));
  }

  /**
   * The result convention: no value is unit; one value is itself; several
   * are a record (`owner` names it: a stable key and a PascalCase tag); a
   * trailing error makes the whole a result sum.
   */
  results(results: readonly GoParam[], pkgPath: string, owner: { key: string; tag: string }): { ok: true; shape: ResultShape } | Extract<MapResult, { ok: false }> {
    const qualified = results.map((r) => ({ ...r, type: qualify(r.type, pkgPath) }));
    return this.#results(qualified, owner);
  }

  #results(results: readonly GoParam[], owner: { key: string; tag: string }): { ok: true; shape: ResultShape } | Extract<MapResult, { ok: false }> {
    const last = results[results.length - 1];
    const error = last !== undefined && last.type.kind === "basic" && last.type.name === "error";
    const valueParams = error ? results.slice(0, -1) : results;
    const values: Mapped[] = [];
    for (const [i, r] of valueParams.entries()) {
      const m = this.#map(r.type);
      if (!m.ok) return { ...m, detail: `result ${i}: ${m.detail}` };
      values.push(m.mapped);
    }
    const names = values.length >= 2 ? resultNames(valueParams) : [];
    let mochi: MochiType;
    if (values.length === 0) mochi = PRIM.unit;
    else if (values.length === 1) mochi = values[0]!.mochi;
    else {
      const key = `results:${owner.key}`;
      this.#declare({
        kind: "results",
        key,
        tag: `${owner.tag}Results`,
        fields: values.map((v, i) => ({ name: names[i]!, type: v.mochi, go: v.go })),
      });
      mochi = { kind: "decl", key };
    }
    if (error) {
      this.#errorDecl();
      const key = values.length === 0 ? STATUS_DECL_KEY : `result:${this.mochiKey(mochi)}`;
      this.#declare(
        values.length === 0
          ? { kind: "result", key, tag: "Status" }
          : { kind: "result", key, tag: `Result${this.mochiTag(mochi)}`, value: mochi },
      );
      mochi = { kind: "decl", key };
    }
    return { ok: true, shape: { values, names, error, mochi } };
  }

  /** A canonical text of a Mochi type with declarations by key (the identity of result sums). */
  mochiKey(t: MochiType): string {
    switch (t.kind) {
      case "prim":
        return t.name;
      case "list":
        return `list<${this.mochiKey(t.elem)}>`;
      case "map":
        return `map<${this.mochiKey(t.key)},${this.mochiKey(t.value)}>`;
      case "option":
        return `${this.mochiKey(t.elem)}?`;
      case "fun":
        return `fun(${t.params.map((p) => this.mochiKey(p)).join(",")}):${this.mochiKey(t.result)}`;
      case "record":
        return `{${t.fields.map((f) => `${f.name}:${this.mochiKey(f.type)}`).join(",")}}`;
      case "decl":
        return `[${t.key}]`;
    }
  }

  /** A PascalCase tag of a Mochi type, for names of declarations built on it. */
  mochiTag(t: MochiType): string {
    switch (t.kind) {
      case "prim":
        return pascalCase(t.name);
      case "list":
        return `${this.mochiTag(t.elem)}List`;
      case "map":
        return `${this.mochiTag(t.key)}${this.mochiTag(t.value)}Map`;
      case "option":
        return `${this.mochiTag(t.elem)}Opt`;
      case "fun":
        return "Func";
      case "record":
        return "Record";
      case "decl":
        return this.decl(t.key).tag;
    }
  }

  /** A PascalCase tag of a qualified Go type, for refs and channels. */
  goTag(t: GoType): string {
    switch (t.kind) {
      case "basic":
      case "typeparam":
        return pascalCase(t.name);
      case "named":
        return this.namedTag(t);
      case "pointer":
        return `${this.goTag(t.elem)}Ref`;
      case "slice":
        return `${this.goTag(t.elem)}List`;
      case "array":
        return `${this.goTag(t.elem)}Array${t.length}`;
      case "map":
        return `${this.goTag(t.key)}${this.goTag(t.value)}Map`;
      case "chan":
        return `${this.goTag(t.elem)}${t.dir === "recv" ? "RecvChan" : t.dir === "send" ? "SendChan" : "Chan"}`;
      case "func":
        return "Func";
      case "interface":
        return t.methods.length === 0 && t.embedded.length === 0 ? "Any" : "Interface";
      case "struct":
        return "Struct";
      case "union":
        return "Union";
    }
  }

  /** Root package types keep their name; subpackage types get the relative path in front; foreign ones the last path element. */
  namedTag(t: NamedType): string {
    let where: string;
    if (t.pkg === this.module) where = "";
    else if (t.pkg.startsWith(`${this.module}/`)) where = pascalCase(t.pkg.slice(this.module.length + 1));
    else {
      const elems = t.pkg.split("/");
      const last = elems.length > 1 && /^v[0-9]+$/.test(elems[elems.length - 1]!) ? elems[elems.length - 2]! : elems[elems.length - 1]!;
      where = pascalCase(last);
    }
    return `${where}${t.name}${t.args.map((a) => this.goTag(a)).join("")}`;
  }

  #declare(d: MochiDecl): void {
    if (!this.#decls.has(d.key)) this.#decls.set(d.key, d);
  }

  #errorDecl(): MochiType {
    this.#declare({ kind: "handle", key: ERROR_DECL_KEY, tag: "GoError", go: "error", of: "error" });
    return { kind: "decl", key: ERROR_DECL_KEY };
  }

  #map(t: GoType): MapResult {
    if (this.#probe !== undefined) return this.#compute(t);
    const key = printType(t);
    let r = this.#memo.get(key);
    if (r === undefined) {
      r = this.#compute(t);
      this.#memo.set(key, r);
    }
    return r;
  }

  #compute(t: GoType): MapResult {
    const go = printType(t);
    const mk = (mochi: MochiType, lower: Lowering): MapResult => ok({ go, goType: t, mochi, lower });
    switch (t.kind) {
      case "basic":
        return this.#basic(t.name, t, go);
      case "typeparam":
        return fail("SkipGenericWithoutMonomorphise", `type parameter ${t.name} in the signature`);
      case "named":
        return this.#named(t);
      case "pointer":
        return this.#pointer(t.elem, t, go);
      case "slice":
      case "array": {
        const length = t.kind === "array" ? t.length : undefined;
        if (t.elem.kind === "basic" && (t.elem.name === "byte" || t.elem.name === "uint8")) {
          return mk({ kind: "list", elem: PRIM.int }, length === undefined ? { class: "bytes" } : { class: "bytes", length });
        }
        const e = this.#map(t.elem);
        if (!e.ok) return e;
        const lower: Lowering = length === undefined ? { class: "list", elem: e.mapped } : { class: "list", elem: e.mapped, length };
        return mk({ kind: "list", elem: e.mapped.mochi }, lower);
      }
      case "map": {
        const k = this.#map(t.key);
        if (!k.ok) return k;
        const kc = k.mapped.lower.class;
        if (kc !== "int" && kc !== "float" && kc !== "bool" && kc !== "string") {
          return fail("SkipMapKeyNotBasic", `map key ${k.mapped.go} crosses as ${kc}, not as a boolean, number or string`);
        }
        const v = this.#map(t.value);
        if (!v.ok) return v;
        return mk({ kind: "map", key: k.mapped.mochi, value: v.mapped.mochi }, { class: "map", key: k.mapped, value: v.mapped });
      }
      case "chan":
        return this.#chan(t.dir, t.elem, t, go);
      case "func":
        return this.#func(t, go);
      case "interface":
        return this.#interface(t, go);
      case "struct": {
        if (t.fields.length === 0) return mk(PRIM.unit, { class: "record", fields: [], named: false });
        const fields: RecordField[] = [];
        for (const f of t.fields) {
          if (!isExported(f.name)) return fail("SkipUnexportedInPosition", `anonymous struct ${go} has the unexported field ${f.name}`);
          const m = this.#map(f.type);
          if (!m.ok) return { ...m, detail: `field ${f.name}: ${m.detail}` };
          fields.push({ name: f.name, embedded: f.embedded, type: m.mapped });
        }
        return mk({ kind: "record", fields: fields.map((f) => ({ name: f.name, type: f.type.mochi })) }, { class: "record", fields, named: false });
      }
      case "union":
        return fail("SkipConstraintInterface", `type set ${go} is only a constraint`);
    }
  }

  #basic(name: string, t: GoType, go: string): MapResult {
    const mk = (mochi: MochiType, lower: Lowering): MapResult => ok({ go, goType: t, mochi, lower });
    const int = INTS[name];
    if (int !== undefined) {
      return mk(PRIM.int, {
        class: "int",
        ...int,
        // 64-bit unsigned values cross as their bit pattern (uint64 2^64-1
        // is int -1), so hashes and bit sets round-trip; only a Go type
        // narrower than int64 (or platform-sized) needs a check.
        checkToGo: int.bits < 64 || int.platform,
        checkToMochi: false,
      });
    }
    switch (name) {
      case "bool":
        return mk(PRIM.bool, { class: "bool" });
      case "string":
        return mk(PRIM.string, { class: "string" });
      case "float32":
        return mk(PRIM.float, { class: "float", bits: 32, checkToGo: true });
      case "float64":
        return mk(PRIM.float, { class: "float", bits: 64, checkToGo: false });
      case "complex64":
      case "complex128":
        return fail("SkipComplexNumeric", `${name} has no Mochi counterpart`);
      case "error":
        return mk(this.#errorDecl(), { class: "error" });
      case "any":
        return mk(PRIM.any, { class: "dynamic" });
      case "comparable":
        return fail("SkipConstraintInterface", "comparable is only a constraint");
    }
    return fail("SkipUnparsableType", `unknown basic type ${name}`);
  }

  #pointer(elem: GoType, t: GoType, go: string): MapResult {
    if (elem.kind === "pointer") return fail("SkipPointerToPointer", `${go} is a pointer to a pointer`);
    if (this.#probe !== undefined && elem.kind === "named" && this.#localStruct(elem)) {
      // While deciding records, a pointer to a local struct is a handle either way, and no by-value use.
      return ok({ go, goType: t, mochi: PRIM.any, lower: { class: "handle", of: "struct", pointer: true } });
    }
    const e = this.#map(elem);
    if (!e.ok) return e;
    const el = e.mapped.lower;
    if (el.class === "handle" && (el.of === "struct" || el.of === "opaque") && !el.pointer) {
      return ok({ go, goType: t, mochi: e.mapped.mochi, lower: { ...el, pointer: true } });
    }
    const key = `ref:${e.mapped.go}`;
    this.#declare({ kind: "ref", key, tag: `${this.goTag(elem)}Ref`, go, elem: e.mapped });
    return ok({ go, goType: t, mochi: { kind: "decl", key }, lower: { class: "ref", elem: e.mapped } });
  }

  #chan(dir: ChanDir, elem: GoType, t: GoType, go: string): MapResult {
    const e = this.#map(elem);
    if (!e.ok) {
      if (e.reason === "SkipUnexportedInPosition") return fail("SkipChanOfUnexportedStruct", `${go}: ${e.detail}`);
      return e;
    }
    const unnamed = printType({ kind: "chan", dir, elem });
    const key = `chan:${unnamed}`;
    this.#declare({ kind: "chan", key, tag: this.goTag({ kind: "chan", dir, elem }), go: unnamed, dir, elem: e.mapped });
    return ok({ go, goType: t, mochi: { kind: "decl", key }, lower: { class: "chan", dir, elem: e.mapped } });
  }

  #func(t: Extract<GoType, { kind: "func" }>, go: string): MapResult {
    const params: Mapped[] = [];
    for (const [i, p] of t.params.entries()) {
      const m = this.#map(p.type);
      if (!m.ok) return { ...m, detail: `func parameter ${i}: ${m.detail}` };
      if (funcDepth(m.mapped) >= MAX_FUNC_DEPTH) return fail("SkipCallbackTakesFunc", `${go} takes parameter ${i} ${m.mapped.go}, nesting funcs deeper than ${MAX_FUNC_DEPTH}`);
      params.push(m.mapped);
    }
    const r = this.#results(t.results, { key: go, tag: "Func" });
    if (!r.ok) return r;
    for (const v of r.shape.values) {
      if (funcDepth(v) >= MAX_FUNC_DEPTH) return fail("SkipFuncReturningFunc", `${go} returns ${v.go}, nesting funcs deeper than ${MAX_FUNC_DEPTH}`);
    }
    return ok({
      go,
      goType: t,
      mochi: { kind: "fun", params: params.map((p) => p.mochi), result: r.shape.mochi },
      lower: { class: "func", params, results: r.shape.values, error: r.shape.error, variadic: t.variadic },
    });
  }

  #interface(t: Extract<GoType, { kind: "interface" }>, go: string): MapResult {
    if (t.methods.length === 0 && t.embedded.length === 0) return ok({ go, goType: t, mochi: PRIM.any, lower: { class: "dynamic" } });
    const constraint = this.#constraintTerm(t, new Set());
    if (constraint !== undefined) return fail("SkipConstraintInterface", `${go} has the type-set term ${constraint}`);
    return ok({ go, goType: t, mochi: PRIM.any, lower: { class: "handle", of: "interface", pointer: false } });
  }

  /** The first term that makes an interface a constraint (a union, `~T`, a non-interface type, comparable), if any. */
  #constraintTerm(t: Extract<GoType, { kind: "interface" }>, seen: Set<string>): string | undefined {
    for (const e of t.embedded) {
      if (e.kind === "union" || (e.kind === "basic" && e.name !== "error" && e.name !== "any")) return printType(e);
      if (e.kind === "named") {
        const key = printType(e);
        if (key === "cmp.Ordered" || e.pkg === "golang.org/x/exp/constraints") return key;
        const found = this.index.get(`${e.pkg}.${e.name}`);
        if (found === undefined || seen.has(key)) continue;
        seen.add(key);
        const u = this.#underlying(found);
        if (u !== undefined && u.kind === "interface") {
          const inner = this.#constraintTerm(u, seen);
          if (inner !== undefined) return inner;
        } else if (u !== undefined) return key;
      } else if (e.kind !== "interface") return printType(e);
    }
    return undefined;
  }

  /** The qualified underlying type of a declared type (a struct's fields from `fields`, which say what is exported). */
  #underlying(found: IndexedType): GoType | undefined {
    const { pkg, type } = found;
    if (type.decl.kind === "alias") return type.aliasOf === undefined ? undefined : qualify(type.aliasOf, pkg.importPath);
    if (type.decl.kind === "struct") {
      const fields = type.fields.map((f) => ({ name: f.decl.name, embedded: f.decl.embedded === true, type: f.type }));
      return qualify({ kind: "struct", fields }, pkg.importPath);
    }
    return type.underlying === undefined ? undefined : qualify(type.underlying, pkg.importPath);
  }

  #localStruct(t: NamedType): boolean {
    const found = this.index.get(`${t.pkg}.${t.name}`);
    return found !== undefined && found.type.decl.kind === "struct";
  }

  #named(t: NamedType): MapResult {
    const go = printType(t);
    if (t.pkg === "unsafe") return fail("SkipUnsafePointer", `${go} in the signature`);
    if (t.pkg === "reflect") return fail("SkipReflectValue", `${go} in the signature`);
    if (t.pkg === "runtime/cgo" && t.name === "Handle") return fail("SkipCgoHandle", `${go} in the signature`);
    if (!isExported(t.name)) return fail("SkipUnexportedInPosition", `${go} is unexported`);
    if (isInternalPath(t.pkg)) return fail("SkipInternalPath", `${go} is declared in an internal package`);
    for (const a of t.args) {
      const m = this.#map(a);
      if (!m.ok) return { ...m, detail: `type argument of ${go}: ${m.detail}` };
    }
    const found = this.index.get(`${t.pkg}.${t.name}`);
    const handle = (of: "struct" | "interface" | "opaque"): MapResult => {
      const key = `handle:${go}`;
      this.#declare({ kind: "handle", key, tag: this.namedTag(t), go, of });
      return ok({ go, goType: t, mochi: { kind: "decl", key }, lower: { class: "handle", of, pointer: false } });
    };
    if (found === undefined) {
      const basic = KNOWN_FOREIGN_BASIC[go];
      if (basic === undefined) return handle("opaque");
      const m = this.#basic(basic, t, go);
      return m.ok ? this.#alias(t, m.mapped) : m;
    }
    const generic = found.type.typeParams.length > 0;
    const u = this.#underlying(found);
    if (u === undefined) return fail("SkipUnparsableType", `the ingest gave no underlying type for ${go}`);
    if (found.type.decl.kind === "alias") return generic ? handle("opaque") : this.#map(u);
    if (u.kind === "struct") {
      if (this.#probe !== undefined) {
        this.#probe.add(go);
        return ok({ go, goType: t, mochi: { kind: "decl", key: `probe:${go}` }, lower: { class: "handle", of: "struct", pointer: false } });
      }
      if (generic || this.#records.get(go) !== "record") return handle("struct");
      return this.#record(t, u, go);
    }
    if (u.kind === "interface") {
      const constraint = this.#constraintTerm(u, new Set([go]));
      if (constraint !== undefined) return fail("SkipConstraintInterface", `${go} has the type-set term ${constraint}`);
      return handle("interface");
    }
    if (generic) return handle("opaque");
    // A named non-struct type crosses as its underlying type, converted at the boundary.
    if (this.#valueStack.has(go)) return handle("opaque");
    this.#valueStack.add(go);
    const m = this.#map(u);
    this.#valueStack.delete(go);
    // One whose underlying type cannot cross (a functional option over an unexported
    // struct, a map keyed by handles) is still a value Go code hands around: a handle.
    if (!m.ok) return handle("opaque");
    return this.#alias(t, m.mapped);
  }

  /** A named type crossing as `m` (its underlying type, converted at the boundary), declared as a Mochi alias of it. */
  #alias(t: NamedType, m: Mapped): MapResult {
    const go = printType(t);
    const key = `alias:${go}`;
    this.#declare({ kind: "alias", key, tag: this.namedTag(t), go, target: m.mochi });
    return ok({ ...m, go, goType: t, mochi: { kind: "decl", key } });
  }

  #record(t: NamedType, u: Extract<GoType, { kind: "struct" }>, go: string): MapResult {
    const key = `record:${go}`;
    const mochi: MochiType = { kind: "decl", key };
    // Memoised before its fields are mapped: a field of type *T (T this record) maps to a ref of it.
    const fields: RecordField[] = [];
    const result = ok({ go, goType: t, mochi, lower: { class: "record", fields, named: true } });
    this.#memo.set(go, result);
    for (const f of u.fields) {
      const m = this.#map(f.type);
      if (!m.ok) throw new Error(`record ${go}: field ${f.name} stopped mapping: ${m.detail}`);
      fields.push({ name: f.name, embedded: f.embedded, type: m.mapped });
    }
    this.#declare({ kind: "record", key, tag: this.namedTag(t), go, fields });
    return result;
  }

  /**
   * Decides, once per module, which named structs are records: all fields
   * exported, at least one field (`type E {}` does not parse), every field
   * mappable, and no cycle of records by value (GRAMMAR.md §3.8: self- or
   * forward-referencing records fail). Members of a cycle become handles.
   */
  #decideRecords(): void {
    const candidates = new Map<string, Set<string>>();
    const decls = this.#decls;
    this.#decls = new Map(); // probing declares placeholders; keep none of them
    for (const [key, found] of this.index) {
      const { type } = found;
      if (type.decl.kind !== "struct" || type.typeParams.length > 0 || !isExported(type.decl.name)) continue;
      if (isInternalPath(found.pkg.importPath)) continue;
      if (type.fields.length === 0 || type.fields.some((f) => !f.decl.exported)) continue;
      const edges = new Set<string>();
      this.#probe = edges;
      const mappable = type.fields.every((f) => this.#map(qualify(f.type, found.pkg.importPath)).ok);
      this.#probe = undefined;
      if (mappable) candidates.set(key, edges);
    }
    this.#decls = decls;
    const cyclic = cyclicNodes(candidates);
    for (const key of candidates.keys()) this.#records.set(key, cyclic.has(key) ? "handle" : "record");
  }
}

/** Callbacks and Go func values nest at most this deep (`func(next func(Ctx) error) func(Ctx) error` is 2). */
export const MAX_FUNC_DEPTH = 2;

/** How deeply func types nest inside the mapped type (0: no func crosses). Records through refs are visited once. */
export function funcDepth(m: Mapped, seen: Set<Mapped> = new Set()): number {
  if (seen.has(m)) return 0;
  seen.add(m);
  const l = m.lower;
  switch (l.class) {
    case "func":
      return 1 + Math.max(0, ...l.params.map((p) => funcDepth(p, seen)), ...l.results.map((r) => funcDepth(r, seen)));
    case "list":
    case "ref":
    case "chan":
      return funcDepth(l.elem, seen);
    case "map":
      return Math.max(funcDepth(l.key, seen), funcDepth(l.value, seen));
    case "record":
      return Math.max(0, ...l.fields.map((f) => funcDepth(f.type, seen)));
    default:
      return 0;
  }
}

/** Go result names when every value result has a distinct usable one, else r0, r1, .... */
function resultNames(results: readonly GoParam[]): string[] {
  const names = results.map((r) => escapeReserved(r.name ?? ""));
  const usable = names.every((n) => /^[A-Za-z][A-Za-z0-9_]*$/.test(n)) && new Set(names).size === names.length;
  return usable ? names : names.map((_, i) => `r${i}`);
}

/** The nodes on a cycle of the graph (Tarjan's strongly connected components), iterated in sorted order. */
function cyclicNodes(graph: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Set<string>();
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)!.has(v)) for (const x of scc) out.add(x);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}
