// The C ABI of a module plan: the C type of every Go type that crosses, the
// C structs of records, and the shape of every exported call (receiver and
// arguments in, results out through pointers, status returned). The Go
// wrapper (wrapper.ts) and the C header (cheader.ts) are both rendered from
// this one description, so the two sides of every call agree.
//
// docs/wrapper.md is the prose version of the contract.

import { compareUtf8 } from "../bytes.js";
import type { ModulePlan, PlannedItem } from "./plan.js";
import { exportSymbol, mangle } from "./symbols.js";
import type { GoType } from "./typeexpr.js";
import type { Lowering, Mapped } from "./typemap.js";

/** The C type names of the fixed structs (wrapper-runtime.ts COMMON_C_DECLS). */
export const C_TYPES = {
  int: "int64_t",
  float: "double",
  bool: "uint8_t",
  handle: "mochi_handle",
  string: "mochi_str",
  bytes: "mochi_bytes",
  list: "mochi_list",
  map: "mochi_map",
  dynamic: "mochi_dyn",
  func: "mochi_fn",
  unit: "uint8_t",
} as const;

/** One Go type that crosses, with its C side. */
export interface AbiType {
  /** Dense per module, in the order of `key`: names the Go converters (in_t<id>, put_t<id>). */
  readonly id: number;
  readonly key: string;
  readonly mapped: Mapped;
  /** The C type name (a typedef or a fixed-width integer type). */
  readonly ctype: string;
  /** A struct the value is built in the result block for (strings, bytes, lists, maps, dynamic values, records). */
  readonly complex: boolean;
  /** The C value points into memory the receiver frees (see needsMem). */
  readonly mem: boolean;
}

/** A C struct of a record: its fields in Go order. */
export interface AbiRecord {
  readonly type: AbiType;
  readonly fields: readonly { readonly goName: string; readonly cName: string; readonly type: AbiType }[];
}

/** Why a parameter is there. */
export type CParamRole = "fn" | "data" | "recv" | "arg" | "out" | "err" | "mem" | "fault";

export interface CParam {
  readonly name: string;
  /** The C type, pointers included (`int64_t*`). */
  readonly ctype: string;
  readonly role: CParamRole;
  readonly type?: AbiType;
}

/** A named value of a call. */
export interface ShapeValue {
  readonly name: string;
  readonly type: AbiType;
}

/**
 * One C function: an export of the wrapper, or the callback type a C
 * function pointer of a Go func type must have. Every one returns int32_t
 * (MOCHI_* status); results are written through pointers.
 */
export interface CallShape {
  readonly symbol: string;
  /** What the call does, for the header's comment. */
  readonly doc: string;
  readonly recv?: ShapeValue;
  readonly args: readonly ShapeValue[];
  /** Value results, then flags (chan receive: ok; try-receive: ok, ready; try-send: sent). */
  readonly results: readonly ShapeValue[];
  /** The Go call returns a trailing error: an `mochi_handle* out_err` follows the results. */
  readonly error: boolean;
  /** A result holds memory: a `void** mem` follows (the one block to free). */
  readonly mem: boolean;
}

/** An export of the wrapper: a plan item, a func call symbol, or a channel's try operation. */
export type ExportSource =
  | { readonly kind: "item"; readonly item: PlannedItem }
  | { readonly kind: "call"; readonly func: AbiType }
  | { readonly kind: "try-send" | "try-recv"; readonly chan: AbiType; readonly item: PlannedItem };

export interface AbiExport {
  readonly shape: CallShape;
  readonly source: ExportSource;
}

/** A Go func type that crosses: its callback shape (C function pointer type) and the symbol that calls a Go func of the type. */
export interface AbiFunc {
  readonly type: AbiType;
  /** The C typedef of the callback function pointer. */
  readonly callbackType: string;
  readonly callback: CallShape;
}

const BOOL_GO: GoType = { kind: "basic", name: "bool" };
const BOOL: Mapped = { go: "bool", goType: BOOL_GO, mochi: { kind: "prim", name: "bool" }, lower: { class: "bool" } };

/** Identity of a Mapped for the ABI: its Go type and lowering class (a support item's `any` handle differs from a dynamic `any`). */
export function typeKey(m: Mapped): string {
  const l = m.lower;
  const detail = l.class === "handle" ? `${l.of}${l.pointer ? "*" : ""}` : l.class === "record" ? String(l.fields.length) : "";
  return `${m.go}\u0000${l.class}\u0000${detail}`;
}

function isUnit(l: Lowering): boolean {
  return l.class === "record" && l.fields.length === 0;
}

/** Whether the C value is a struct built in the result block. */
function isComplex(l: Lowering): boolean {
  return ["string", "bytes", "list", "map", "dynamic"].includes(l.class) || (l.class === "record" && l.fields.length > 0);
}

/** Whether the C value points at memory (records: through a field; records by value never form a cycle). */
function needsMem(l: Lowering): boolean {
  if (["string", "bytes", "list", "map", "dynamic"].includes(l.class)) return true;
  return l.class === "record" && l.fields.some((f) => needsMem(f.type.lower));
}

const C_KEYWORDS: ReadonlySet<string> = new Set(
  (
    "auto break case char const continue default do double else enum extern float for goto if inline int long register restrict " +
    "return short signed sizeof static struct switch typedef union unsigned void volatile while bool true false alignas alignof " +
    "constexpr nullptr static_assert thread_local typeof typeof_unqual asm catch class delete friend mutable namespace new " +
    "operator private protected public template this throw try typename using virtual explicit export wchar_t char8_t char16_t " +
    "char32_t concept consteval constinit co_await co_return co_yield decltype noexcept requires reinterpret_cast static_cast " +
    "dynamic_cast const_cast and or not xor bitand bitor compl and_eq or_eq not_eq xor_eq NULL errno"
  ).split(" "),
);

/** A C identifier for a name: kept when plain ASCII and not a C or C++ keyword, else made one. */
export function cIdent(name: string): string {
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return C_KEYWORDS.has(name) ? `${name}_` : name;
  return `x_${mangle(name)}`;
}

/**
 * The ABI of one module plan. Types are collected from every item and func
 * type of the plan and numbered in key order, so the numbering depends only
 * on the plan's content.
 */
export class ModuleAbi {
  readonly plan: ModulePlan;
  readonly types: readonly AbiType[];
  readonly records: readonly AbiRecord[];
  readonly funcs: readonly AbiFunc[];
  readonly exports: readonly AbiExport[];
  /** Channel types with element codecs registered for select, in key order. */
  readonly chans: readonly AbiType[];
  readonly #byKey = new Map<string, AbiType>();
  readonly #records = new Map<number, AbiRecord>();
  readonly #funcs = new Map<number, AbiFunc>();

  constructor(plan: ModulePlan) {
    this.plan = plan;
    const found = new Map<string, Mapped>();
    const seen = new Set<Mapped>();
    const visit = (m: Mapped): void => {
      if (seen.has(m)) return;
      seen.add(m);
      const key = typeKey(m);
      if (!found.has(key)) found.set(key, m);
      const l = m.lower;
      if (l.class === "list" || l.class === "ref" || l.class === "chan") visit(l.elem);
      else if (l.class === "map") (visit(l.key), visit(l.value));
      else if (l.class === "record") l.fields.forEach((f) => visit(f.type));
      else if (l.class === "func") (l.params.forEach(visit), l.results.forEach(visit));
    };
    visit(BOOL);
    for (const it of plan.items) {
      if (it.receiver !== undefined) visit(it.receiver.type);
      it.params.forEach((p) => visit(p.type));
      it.result.values.forEach(visit);
    }
    for (const s of plan.funcSigs) visit(s.type);
    const keys = [...found.keys()].sort(compareUtf8);
    const recordNames = new Map<string, string>();
    for (const d of plan.decls) if (d.decl.kind === "record") recordNames.set(d.decl.go, d.name);
    let anonymous = 0;
    const types: AbiType[] = keys.map((key, id) => {
      const mapped = found.get(key)!;
      const l = mapped.lower;
      let ctype: string;
      if (l.class === "record" && !isUnit(l)) {
        const named = recordNames.get(mapped.go);
        ctype = `${plan.prefix}_${named !== undefined && /^[A-Za-z0-9_]+$/.test(named) ? named : `Struct${++anonymous}`}`;
      } else ctype = cTypeOf(l);
      return { id, key, mapped, ctype, complex: isComplex(l), mem: needsMem(l) };
    });
    this.types = types;
    for (const t of types) this.#byKey.set(t.key, t);
    this.records = this.#orderRecords(types.filter((t) => t.mapped.lower.class === "record" && !isUnit(t.mapped.lower)));
    this.funcs = types
      .filter((t) => t.mapped.lower.class === "func")
      .map((t) => {
        const callbackType = exportSymbol(plan.prefix, plan.module, plan.module, "_func", t.mapped.go, "cb");
        return { type: t, callbackType, callback: this.#funcShape(t, callbackType, "callback") };
      });
    for (const r of this.records) this.#records.set(r.type.id, r);
    for (const f of this.funcs) this.#funcs.set(f.type.id, f);
    this.chans = types.filter((t) => t.mapped.lower.class === "chan");
    this.exports = this.#exports();
  }

  /** The ABI type of a Mapped of this plan. */
  type(m: Mapped): AbiType {
    const t = this.#byKey.get(typeKey(m));
    if (t === undefined) throw new Error(`type ${m.go} (${m.lower.class}) is not in the plan of ${this.plan.module}`);
    return t;
  }

  /** The C struct of a record type. */
  record(t: AbiType): AbiRecord {
    const r = this.#records.get(t.id);
    if (r === undefined) throw new Error(`${t.mapped.go} is not a record with fields`);
    return r;
  }

  /** The callback shape of a func type. */
  func(t: AbiType): AbiFunc {
    const f = this.#funcs.get(t.id);
    if (f === undefined) throw new Error(`${t.mapped.go} is not a func`);
    return f;
  }

  /** The C parameter list of a shape; `lead` adds the callback's data or the func handle in front. */
  cParams(shape: CallShape, lead?: "data" | "fn"): CParam[] {
    const out: CParam[] = [];
    const taken = new Set<string>();
    const name = (preferred: string): string => {
      let n = cIdent(preferred);
      for (let i = 2; taken.has(n); i++) n = `${cIdent(preferred)}_${i}`;
      taken.add(n);
      return n;
    };
    // Fixed names first, so argument names yield to them.
    const fixed = ["fault", ...(shape.mem ? ["mem"] : []), ...(shape.error ? ["out_err"] : []), ...(lead === undefined ? [] : [lead])];
    fixed.forEach((n) => taken.add(n));
    const tail: CParam[] = [];
    if (lead === "data") out.push({ name: "data", ctype: "void*", role: "data" });
    if (lead === "fn") out.push({ name: "fn", ctype: C_TYPES.handle, role: "fn" });
    if (shape.recv !== undefined) out.push({ name: name(shape.recv.name), ctype: shape.recv.type.ctype, role: "recv", type: shape.recv.type });
    for (const a of shape.args) out.push({ name: name(a.name), ctype: a.type.ctype, role: "arg", type: a.type });
    for (const r of shape.results) tail.push({ name: name(r.name), ctype: `${r.type.ctype}*`, role: "out", type: r.type });
    if (shape.error) tail.push({ name: "out_err", ctype: `${C_TYPES.handle}*`, role: "err" });
    if (shape.mem) tail.push({ name: "mem", ctype: "void**", role: "mem" });
    tail.push({ name: "fault", ctype: "mochi_str*", role: "fault" });
    return [...out, ...tail];
  }

  #orderRecords(records: AbiType[]): AbiRecord[] {
    const byKey = new Map(records.map((r) => [r.key, r]));
    const out: AbiRecord[] = [];
    const done = new Set<string>();
    const emit = (t: AbiType): void => {
      if (done.has(t.key)) return;
      done.add(t.key);
      const l = t.mapped.lower;
      if (l.class !== "record") return;
      const fields = l.fields.map((f) => ({ goName: f.name, cName: cIdent(f.name), type: this.type(f.type) }));
      // A record field by value must be declared before the struct that holds it.
      for (const f of fields) {
        const dep = byKey.get(f.type.key);
        if (dep !== undefined) emit(dep);
      }
      out.push({ type: t, fields });
    };
    records.forEach(emit);
    return out;
  }

  /** The shape of a Go func type called from C (`call`) or of its C callback (`callback`). */
  #funcShape(t: AbiType, symbol: string, role: "call" | "callback"): CallShape {
    const l = t.mapped.lower;
    if (l.class !== "func") throw new Error(`${t.mapped.go} is not a func`);
    const results = l.results.map((r, i) => ({ name: l.results.length === 1 ? "out" : `out${i}`, type: this.type(r) }));
    return {
      symbol,
      doc: role === "call" ? `calls a Go func value of type ${t.mapped.go}` : `a C callback of Go type ${t.mapped.go}`,
      args: l.params.map((p, i) => ({ name: `p${i}`, type: this.type(p) })),
      results,
      error: l.error,
      mem: results.some((r) => r.type.mem),
    };
  }

  #exports(): AbiExport[] {
    const plan = this.plan;
    const out: AbiExport[] = [];
    const bool = this.type(BOOL);
    for (const item of plan.items) {
      const args = item.params.map((p) => ({ name: p.name, type: this.type(p.type) }));
      const values = item.result.values.map((v, i) => {
        const name = item.result.values.length === 1 ? "out" : `out_${item.result.names[i] ?? String(i)}`;
        return { name, type: this.type(v) };
      });
      const results = item.kind === "chan-recv" ? [...values, { name: "ok", type: bool }] : values;
      const shape: CallShape = {
        symbol: item.symbol,
        doc: `${item.id}: ${item.goSignature}`,
        ...(item.receiver === undefined ? {} : { recv: { name: item.receiver.name, type: this.type(item.receiver.type) } }),
        args,
        results,
        error: item.result.error,
        mem: results.some((r) => r.type.mem),
      };
      out.push({ shape, source: { kind: "item", item } });
      // Non-blocking variants of send and receive (not plan items: the plan names what Mochi declares).
      if (item.kind === "chan-send" || item.kind === "chan-recv") {
        const chan = args[0]!.type;
        const op = item.kind === "chan-send" ? "try_send" : "try_recv";
        const symbol = exportSymbol(plan.prefix, plan.module, plan.module, "_chan", chan.mapped.go, op);
        const tryResults =
          item.kind === "chan-send" ? [{ name: "sent", type: bool }] : [...values, { name: "ok", type: bool }, { name: "ready", type: bool }];
        out.push({
          shape: {
            symbol,
            doc: item.kind === "chan-send" ? "select { case ch <- value: sent = true; default: }" : "select { case value, ok = <-ch: ready = true; default: }",
            args,
            results: tryResults,
            error: false,
            mem: tryResults.some((r) => r.type.mem),
          },
          source: { kind: item.kind === "chan-send" ? "try-send" : "try-recv", chan, item },
        });
      }
    }
    for (const s of plan.funcSigs) {
      const t = this.type(s.type);
      out.push({ shape: this.#funcShape(t, s.callSymbol, "call"), source: { kind: "call", func: t } });
    }
    out.sort((a, b) => compareUtf8(a.shape.symbol, b.shape.symbol));
    for (let i = 1; i < out.length; i++) {
      if (out[i]!.shape.symbol === out[i - 1]!.shape.symbol) throw new Error(`duplicate export symbol ${out[i]!.shape.symbol}`);
    }
    return out;
  }
}

function cTypeOf(l: Lowering): string {
  switch (l.class) {
    case "int":
    case "float":
    case "bool":
    case "string":
    case "bytes":
    case "list":
    case "map":
    case "dynamic":
    case "func":
      return C_TYPES[l.class];
    case "handle":
    case "ref":
    case "chan":
    case "error":
      return C_TYPES.handle;
    case "record":
      return C_TYPES.unit;
  }
}

/** The C prototype of a shape: `int32_t name(params)`. */
export function cPrototype(name: string, params: readonly CParam[]): string {
  return `int32_t ${name}(${params.map((p) => `${p.ctype} ${p.name}`).join(", ")})`;
}

/** The typedefs of a module's records, dependencies first. */
export function recordTypedefs(abi: ModuleAbi): string[] {
  return abi.records.map((r) => {
    const fields = r.fields.map((f) => `${f.type.ctype} ${f.cName};`).join(" ");
    return `typedef struct ${r.type.ctype} { ${fields} } ${r.type.ctype}; /* Go ${r.type.mapped.go} */`;
  });
}
