// The bridge plan of one module: for every exported Go item, either how it
// crosses (C symbol, lowering of every parameter and result, Mochi names and
// types) or why it does not (a Skip token and a detail). The cgo wrapper
// synthesiser and the extern emitter both read this plan and nothing else,
// so they cannot disagree. The plan is deterministic: it depends on the
// surface's content, never on the order of its arrays.

import { compareUtf8 } from "../bytes.js";
import { MochiError, isMochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";
import { assignNames, escapeReserved, isMochiIdent, pascalCase, pathSegment, RESERVED_WORDS, snakeCase, type NameClaim } from "./names.js";
import { compareSkipEntries, skipEntry, type SkipEntry, type SkipItemKind, type SkipToken } from "./skip.js";
import type { FuncView, PackageView, SurfaceView, TypeParamView, TypeView } from "./surface.js";
import { exportSymbol, modulePrefix } from "./symbols.js";
import { parseType, printSignature, printType, type FuncType, type GoParam, type GoType, type NamedType } from "./typeexpr.js";
import {
  ERROR_DECL_KEY,
  isExported,
  isInternalPath,
  qualify,
  substitute,
  TypeTable,
  type MapResult,
  type Mapped,
  type MochiDecl,
  type MochiType,
  type ResultShape,
} from "./typemap.js";

export interface MonomorphiseEntry {
  /**
   * `<import path>.<Func>` of a generic function, `<import path>.<Type>` of a
   * generic type (the instance with all its methods), or
   * `<import path>.<Type>.<Method>` (the instance with that method).
   */
  readonly item: string;
  /** One Go type per type parameter, in order; the package's own types bare, others with their import path. */
  readonly typeArgs: readonly string[];
}

export interface PlanOptions {
  /** The import alias (`import go "..." as <alias>`): a Mochi identifier. */
  readonly alias: string;
  /** The module version; defaults to the surface's. */
  readonly version?: string;
  /** For the symbol prefix (symbols.ts). */
  readonly hashing: Hashing;
  /** `[go] monomorphise`: instances of generic functions and types to bridge. */
  readonly monomorphise?: readonly MonomorphiseEntry[];
  /** `[go.allow-deprecated]`: true for every item, or the item ids to allow. */
  readonly allowDeprecated?: boolean | readonly string[];
  /** `[go.capabilities] cgo`: bridge packages that have `import "C"` files. */
  readonly cgo?: boolean;
}

/**
 * What a planned item does. Go items: func, method (also of interfaces),
 * field-get/field-set (exported fields of a struct handle), new (a zero
 * struct behind a handle), value-get (a const or var), var-set. Support:
 * ref-new/load/store (`new`, `read`, `write` of a `*T` handle of a by-value
 * T), chan-make/send/recv/close, release (any handle), error-message,
 * error-new.
 */
export type PlannedKind =
  | "func"
  | "method"
  | "field-get"
  | "field-set"
  | "new"
  | "value-get"
  | "var-set"
  | "ref-new"
  | "ref-load"
  | "ref-store"
  | "chan-make"
  | "chan-send"
  | "chan-recv"
  | "chan-close"
  | "release"
  | "error-message"
  | "error-new";

export interface PlannedParam {
  /** The Mochi parameter name (Go's when usable). */
  readonly name: string;
  readonly type: Mapped;
}

export interface PlannedReceiver extends PlannedParam {
  /** The Go receiver is `*T` (the method is only in *T's method set), or a field accessor's struct. */
  readonly pointer: boolean;
}

export interface PlannedItem {
  readonly kind: PlannedKind;
  /** The Go item's id (`<import path>.<Name>`, `.<Type>.<Member>`, `[type args]` for an instance); support items: `<module>#<op>`. */
  readonly id: string;
  /** The package the wrapper imports to reach the item; the module path for support items. */
  readonly importPath: string;
  /** The Go name of the func, method, field, const or var ("" for support items). */
  readonly goName: string;
  /** For methods: the receiver type's name; for field accessors and new: the struct's name. */
  readonly typeName?: string;
  readonly symbol: string;
  readonly receiver?: PlannedReceiver;
  /** In the Go call's order, receiver excluded; a variadic's last parameter is its list. */
  readonly params: readonly PlannedParam[];
  readonly variadic: boolean;
  /** What the call returns, on both sides (chan-recv: values[0] is the element, Mochi sees it optional). */
  readonly result: ResultShape;
  /** A monomorphised instance's type arguments (qualified Go type strings): of the func, or of the receiver's type. */
  readonly typeArgs?: readonly string[];
  /** Support items: the key of the declaration they serve (ref, chan). */
  readonly decl?: string;
  /** A const's exact value (constant.Value.ExactString). */
  readonly constValue?: string;
  /** The dotted Mochi name in `<alias>_extern.mochi` (Go names). */
  readonly extern: string;
  /** The dotted Mochi name in `<alias>.mochi` (snake_case). */
  readonly shim: string;
  /** Provenance: the Go declaration, one line. */
  readonly goSignature: string;
  readonly position?: string;
}

/** A declared Mochi type with its final name. */
export interface PlannedDecl {
  readonly decl: MochiDecl;
  readonly name: string;
  /** Result sums: the variant names. */
  readonly ok?: string;
  readonly err?: string;
}

/** A func type that crosses: Mochi callbacks come in through a C function pointer, Go funcs go out as handles called through `callSymbol`. */
export interface PlannedFuncSig {
  readonly go: string;
  readonly type: Mapped;
  readonly callSymbol: string;
}

export interface PlanStats {
  /** Exported funcs and methods of the importable packages (not main, not internal). */
  readonly total: number;
  readonly bridged: number;
  readonly funcs: { readonly total: number; readonly bridged: number };
  readonly methods: { readonly total: number; readonly bridged: number };
  /** Skip entries (all packages, all kinds) per token, sorted by token. */
  readonly skippedByReason: Readonly<Record<string, number>>;
}

/** A bridged instance of a generic func or type: the go command type-checks each on its own before the build (mono.ts). */
export interface PlannedInstance {
  readonly kind: "func" | "type";
  /** `<import path>.<Name>` of the generic func or type. */
  readonly item: string;
  readonly importPath: string;
  readonly goName: string;
  /** Qualified Go type strings, one per type parameter. */
  readonly typeArgs: readonly string[];
  /** `exportSymbol(<package>, <Name>, <type args>)`: the func instance's symbol, the type instance's members' common prefix. */
  readonly symbol: string;
}

export interface ModulePlan {
  readonly module: string;
  readonly version: string;
  readonly alias: string;
  /** The C symbol prefix (`mochi_<h8>`). */
  readonly prefix: string;
  /** Sorted by symbol. */
  readonly items: readonly PlannedItem[];
  /** In emission order: dependencies first, then by name. */
  readonly decls: readonly PlannedDecl[];
  /** Dotted prefixes the extern file declares with `extern var` (R10), sorted. */
  readonly namespaces: readonly string[];
  /** Sorted by go. */
  readonly funcSigs: readonly PlannedFuncSig[];
  /** Sorted by symbol. */
  readonly instances: readonly PlannedInstance[];
  /** Sorted by item then token. */
  readonly skipped: readonly SkipEntry[];
  readonly stats: PlanStats;
}

/** An item before naming: everything but the Mochi names and the symbol. */
interface Draft {
  readonly kind: PlannedKind;
  readonly id: string;
  readonly importPath: string;
  readonly goName: string;
  readonly typeName?: string;
  readonly receiver?: PlannedReceiver;
  readonly params: readonly PlannedParam[];
  readonly variadic: boolean;
  readonly result: ResultShape;
  readonly typeArgs?: readonly string[];
  readonly decl?: string;
  readonly constValue?: string;
  readonly goSignature: string;
  readonly position?: string;
  /** Symbol parts after the package. */
  readonly symbolParts: readonly string[];
  /** The namespace node (package path, or a type or support node inside it) and the leaf's preferred names. */
  readonly externNode: NodeRef;
  readonly externLeaf: string;
  readonly shimLeaf: string;
  readonly shimRank: number;
}

/** A namespace node under the alias: a package, optionally a member node (a type or a support declaration). */
interface NodeRef {
  readonly pkg: string;
  readonly member?: { readonly key: string; readonly preferred: string };
}

type Skip = Extract<MapResult, { ok: false }>;

/** The type a method or field accessor belongs to: a declared type, or an instance of a generic one. */
interface TypeRef {
  readonly named: NamedType;
  /** The id segment after the package: `Stack`, or `Stack[int]` for an instance. */
  readonly key: string;
  /** An instance's type arguments, printed qualified. */
  readonly typeArgs?: readonly string[];
  /** The type declaration's parameters by name, to an instance's arguments (for field types; methods name them their own way). */
  readonly subst: ReadonlyMap<string, GoType>;
  /** Symbol parts naming the type: `[Stack]`, or `[Stack, int]`. */
  readonly symbolParts: readonly string[];
  /** The extern namespace node's preferred name, the shim prefix, and the tag of declarations it owns (result types). */
  readonly extern: string;
  readonly shim: string;
  readonly tag: string;
}

/** A method to bridge: declared, promoted, or of an interface; `viaPkg` is the package its signature's names are relative to. */
interface Member {
  readonly f: FuncView;
  /** `<import path>.<Type>.<Method>` of the declared type. */
  readonly id: string;
  readonly pointer: boolean;
  readonly viaPkg: string;
}

/**
 * The validated instances `[go] monomorphise` asks of one generic func or
 * type, by printed type arguments: the arguments qualified, and for a type
 * the methods wanted ("all" for a func and for the type form).
 */
type Instances = Map<string, { readonly args: readonly GoType[]; methods: Set<string> | "all" }>;

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** Plans one module: every exported item bridged or skipped with a reason. */
export function planModule(view: SurfaceView, options: PlanOptions): ModulePlan {
  return new Planner(view, options).run();
}

class Planner {
  readonly module: string;
  readonly version: string;
  readonly alias: string;
  readonly aliasPascal: string;
  readonly prefix: string;
  readonly table: TypeTable;
  readonly drafts: Draft[] = [];
  readonly skips: SkipEntry[] = [];
  /** Go ids of bridged funcs and methods. */
  readonly bridged = new Set<string>();
  readonly counted = { funcs: new Set<string>(), methods: new Set<string>() };
  /** Validated `[go] monomorphise` entries, by the id of the generic func or type. */
  readonly instances = new Map<string, Instances>();
  readonly planned: PlannedInstance[] = [];

  constructor(
    readonly view: SurfaceView,
    readonly options: PlanOptions,
  ) {
    const { alias } = options;
    if (!isMochiIdent(alias) || RESERVED_WORDS.has(alias)) {
      throw new MochiError("M074_BRIDGE_E001", `alias ${JSON.stringify(alias)} is not a Mochi identifier outside the keywords and builtins`, {
        where: "import alias",
      });
    }
    this.module = view.surface.module;
    const version = options.version ?? view.surface.version;
    if (version === undefined || version === "") {
      throw new MochiError("M074_BRIDGE_E009", `no version for module ${this.module}`, { where: "ApiSurface version" });
    }
    this.version = version;
    this.alias = alias;
    this.aliasPascal = pascalCase(alias) || "Go";
    this.prefix = modulePrefix(this.module, version, options.hashing);
    this.table = new TypeTable(view);
    this.#checkMonomorphise(options.monomorphise ?? []);
  }

  run(): ModulePlan {
    const packages = [...this.view.packages.values()].sort((a, b) => compareUtf8(a.importPath, b.importPath));
    for (const pkg of packages) this.#package(pkg);
    for (const s of this.view.skips) {
      const kind: SkipItemKind = s.kind;
      this.#skip(s.item, kind, "SkipUnparsableType", s.detail, s.position);
    }
    this.#supportItems();
    return this.#finish();
  }

  // ---- Go items ------------------------------------------------------------

  #package(pkg: PackageView): void {
    const path = pkg.importPath;
    const importable = pkg.decl.is_main !== true && !isInternalPath(path);
    const block = this.#packageBlock(pkg);
    for (const f of pkg.decl.funcs ?? []) if (importable) this.counted.funcs.add(`${path}.${f.name}`);
    for (const t of pkg.decl.types ?? []) {
      for (const m of t.methods ?? []) if (importable) this.counted.methods.add(`${path}.${t.name}.${m.name}`);
      for (const m of t.interface_methods ?? []) if (importable && isExported(m.name)) this.counted.methods.add(`${path}.${t.name}.${m.name}`);
    }
    for (const note of pkg.decl.skipped ?? []) {
      if (note.reason === "UnknownObject") this.#skip(`${path}.${note.name}`, skipKind(note.kind, note.name), "SkipUnclassifiedObject", `the ingest could not classify ${note.name}`, note.position);
      if (note.reason === "BuildTagExcluded") {
        const ctx = this.view.surface.build === undefined ? "the ingest's build context" : `${this.view.surface.build.goos}/${this.view.surface.build.goarch}`;
        this.#skip(`${path}.${note.name}`, skipKind(note.kind, note.name), "SkipBuildTagExcluded", `declared only in files ${ctx} excludes`, note.position);
      }
    }
    if (block !== undefined) {
      // One entry for the whole package: why-skipped finds it for any item inside.
      const n = pkg.funcs.size + pkg.types.size + pkg.consts.size + pkg.vars.size;
      return this.#skip(path, "package", block.reason, `${block.detail}; none of its ${n} exported names is bridged`);
    }
    const pkgDeprecated = pkg.decl.deprecated;
    for (const name of sortedKeys(pkg.funcs)) {
      const f = pkg.funcs.get(name)!;
      const id = `${path}.${name}`;
      if (this.#deprecated(id, f.decl.deprecated ?? pkgDeprecated)) this.#skip(id, "func", "SkipDeprecated", deprecation(f.decl.deprecated ?? pkgDeprecated), f.decl.position);
      else if (f.typeParams.length > 0) this.#generic(pkg, f, id);
      else this.#func(pkg, f, id, f.signature, undefined);
    }
    for (const name of sortedKeys(pkg.types)) this.#type(pkg, pkg.types.get(name)!, pkgDeprecated);
    for (const [kind, values] of [["const", pkg.consts], ["var", pkg.vars]] as const) {
      for (const name of sortedKeys(values)) {
        const v = values.get(name)!;
        const id = `${path}.${name}`;
        if (this.#deprecated(id, v.decl.deprecated ?? pkgDeprecated)) this.#skip(id, kind, "SkipDeprecated", deprecation(v.decl.deprecated ?? pkgDeprecated), v.decl.position);
        else this.#value(pkg, kind, name, v.type, v.decl.const, v.decl.position);
      }
    }
  }

  /** Why no item of the package can be bridged, if so. */
  #packageBlock(pkg: PackageView): Skip | undefined {
    if (pkg.decl.is_main === true) return { ok: false, reason: "SkipMainPackage", detail: `${pkg.importPath} is a command (package main)` };
    if (isInternalPath(pkg.importPath)) return { ok: false, reason: "SkipInternalPath", detail: `${pkg.importPath} is an internal package` };
    const cgoFiles = (pkg.decl.files ?? []).filter((f) => f.requires_cgo === true && f.ignored !== true).map((f) => f.name).sort(compareUtf8);
    if (cgoFiles.length > 0 && this.options.cgo !== true) {
      return { ok: false, reason: "SkipRequiresCgoCapability", detail: `${pkg.importPath} has import "C" in ${cgoFiles.join(", ")}` };
    }
    return undefined;
  }

  #deprecated(id: string, message: string | undefined): boolean {
    if (message === undefined) return false;
    const allow = this.options.allowDeprecated;
    return !(allow === true || (Array.isArray(allow) && allow.includes(id)));
  }

  #func(pkg: PackageView, f: FuncView, id: string, sig: FuncType, typeArgs: readonly GoType[] | undefined): void {
    const path = pkg.importPath;
    const argSuffix = typeArgs === undefined ? "" : `_${typeArgs.map(argName).join("_")}`;
    const goSig = `func ${f.decl.name}${typeArgs === undefined ? "" : `[${typeArgs.map(printType).join(", ")}]`}${printSignature(sig)}`;
    const planned = this.#signature(sig, path, { key: id, tag: `${this.#pkgTag(path)}${f.decl.name}${pascalCase(argSuffix)}` });
    if (!planned.ok) return this.#skip(id, "func", planned.reason, planned.detail, f.decl.position);
    this.bridged.add(typeArgs === undefined ? id : id.slice(0, id.indexOf("[")));
    this.#draft({
      kind: "func",
      id,
      importPath: path,
      goName: f.decl.name,
      params: planned.params,
      variadic: sig.variadic,
      result: planned.result,
      ...(typeArgs === undefined ? {} : { typeArgs: typeArgs.map(printType) }),
      goSignature: goSig,
      ...(f.decl.position === undefined ? {} : { position: f.decl.position }),
      symbolParts: typeArgs === undefined ? [f.decl.name] : [f.decl.name, typeArgs.map(printType).join(",")],
      externNode: { pkg: path },
      externLeaf: `${f.decl.name}${argSuffix}`,
      shimLeaf: snakeCase(`${f.decl.name}${argSuffix}`),
      shimRank: 0,
    });
    if (typeArgs !== undefined) this.#instance("func", path, f.decl.name, typeArgs);
  }

  #instance(kind: PlannedInstance["kind"], importPath: string, goName: string, typeArgs: readonly GoType[]): void {
    const args = typeArgs.map(printType);
    const symbol = exportSymbol(this.prefix, this.module, importPath, goName, args.join(","));
    this.planned.push({ kind, item: `${importPath}.${goName}`, importPath, goName, typeArgs: args, symbol });
  }

  #generic(pkg: PackageView, f: FuncView, id: string): void {
    const wanted = this.instances.get(id);
    if (wanted === undefined) {
      const params = f.typeParams.map((p) => `${p.name} ${printType(p.constraint)}`).join(", ");
      return this.#skip(id, "func", "SkipGenericWithoutMonomorphise", `generic func ${f.decl.name}[${params}]`, f.decl.position);
    }
    for (const key of [...wanted.keys()].sort(compareUtf8)) {
      const { args } = wanted.get(key)!;
      const sig = substitute(f.signature, new Map(f.typeParams.map((p, i) => [p.name, args[i]!]))) as FuncType;
      this.#func(pkg, f, `${id}[${key}]`, sig, args);
    }
  }

  /** Maps the parameters and results of a signature of package `path`; the first failure wins. */
  #signature(sig: FuncType, path: string, owner: { key: string; tag: string }): { ok: true; params: PlannedParam[]; result: ResultShape } | Skip {
    const names = paramNames(sig.params);
    const params: PlannedParam[] = [];
    for (const [i, p] of sig.params.entries()) {
      const m = this.table.map(p.type, path);
      if (!m.ok) return { ...m, detail: `parameter ${i}${p.name === undefined ? "" : ` ${p.name}`}: ${m.detail}` };
      params.push({ name: names[i]!, type: m.mapped });
    }
    const r = this.table.results(sig.results, path, owner);
    if (!r.ok) return r;
    return { ok: true, params, result: r.shape };
  }

  #type(pkg: PackageView, t: TypeView, pkgDeprecated: string | undefined): void {
    const path = pkg.importPath;
    const name = t.decl.name;
    const id = `${path}.${name}`;
    const members = this.#methods(pkg, t);
    const deprecated = t.decl.deprecated ?? pkgDeprecated;
    if (this.#deprecated(id, deprecated)) return this.#skipType(id, t, members, { ok: false, reason: "SkipDeprecated", detail: deprecation(deprecated) });
    if (t.typeParams.length > 0) return this.#genericType(pkg, t, members);
    this.#typeMembers(pkg, t, this.#typeRef(path, t, []), members);
  }

  /** The declared type (no arguments) or the instance `t[args]`, with its names. */
  #typeRef(path: string, t: TypeView, args: readonly GoType[]): TypeRef {
    const name = t.decl.name;
    const named: NamedType = { kind: "named", pkg: path, name, args };
    if (args.length === 0) return { named, key: name, subst: new Map(), symbolParts: [name], extern: name, shim: snakeCase(name), tag: name };
    const printed = args.map(printType);
    const suffix = args.map(argName).join("_");
    return {
      named,
      key: `${name}[${printed.join(",")}]`,
      typeArgs: printed,
      subst: new Map(t.typeParams.map((p, i) => [p.name, args[i]!])),
      symbolParts: [name, printed.join(",")],
      extern: `${name}_${suffix}`,
      shim: snakeCase(`${name}_${suffix}`),
      tag: `${name}${pascalCase(`_${suffix}`)}`,
    };
  }

  /** The type (or instance) `id`, its methods and its fields, all skipped for one reason. */
  #skipType(id: string, t: TypeView, members: readonly Member[], why: Skip): void {
    this.#skip(id, "type", why.reason, why.detail, t.decl.position);
    for (const m of members) this.#skip(`${id}.${m.f.decl.name}`, "method", why.reason, why.detail, m.f.decl.position);
    for (const f of t.fields) if (f.decl.exported && t.decl.kind === "struct") this.#skip(`${id}.${f.decl.name}`, "field", why.reason, why.detail, t.decl.position);
  }

  /**
   * Bridges the given methods of a declared type or a type instance, and `new`
   * and field accessors when it is a struct behind a handle. False when the
   * type itself cannot cross (everything is skipped).
   */
  #typeMembers(pkg: PackageView, t: TypeView, ref: TypeRef, wanted: readonly Member[]): boolean {
    const path = pkg.importPath;
    const self = this.table.map(ref.named, path);
    const id = `${path}.${ref.key}`;
    if (!self.ok) {
      this.#skipType(id, t, wanted, self);
      return false;
    }
    for (const m of wanted) {
      const mid = `${id}.${m.f.decl.name}`;
      if (this.#deprecated(m.id, m.f.decl.deprecated)) {
        this.#skip(mid, "method", "SkipDeprecated", deprecation(m.f.decl.deprecated), m.f.decl.position);
        continue;
      }
      // A method names the receiver's type parameters its own way (`func (s *Stack[E]) Push(v E)`);
      // an interface's methods use the interface's.
      const names = m.f.typeParams.length === t.typeParams.length ? m.f.typeParams : t.typeParams;
      const args = ref.named.args;
      const sig = args.length === 0 ? m.f.signature : (substitute(m.f.signature, new Map(names.map((p, i) => [p.name, args[i]!]))) as FuncType);
      this.#method(pkg, ref, m, sig);
    }
    if (self.mapped.lower.class === "handle" && self.mapped.lower.of === "struct") this.#structHandle(pkg, t, ref);
    return true;
  }

  /** A generic type: each `[go] monomorphise` instance bridged like a declared type; the rest skipped. */
  #genericType(pkg: PackageView, t: TypeView, members: readonly Member[]): void {
    const path = pkg.importPath;
    const name = t.decl.name;
    const id = `${path}.${name}`;
    const params = t.typeParams.map((p) => `${p.name} ${printType(p.constraint)}`).join(", ");
    const wanted: Instances = this.instances.get(id) ?? new Map();
    if (wanted.size === 0) this.#skip(id, "type", "SkipGenericWithoutMonomorphise", `generic type ${name}[${params}]`, t.decl.position);
    const tried = new Set<string>();
    for (const key of [...wanted.keys()].sort(compareUtf8)) {
      const { args, methods } = wanted.get(key)!;
      const chosen = methods === "all" ? members : members.filter((m) => methods.has(m.f.decl.name));
      for (const m of chosen) tried.add(m.id);
      if (this.#typeMembers(pkg, t, this.#typeRef(path, t, args), chosen)) this.#instance("type", path, name, args);
    }
    for (const m of members) {
      if (tried.has(m.id)) continue;
      const why = wanted.size === 0 ? "" : "; no [go] monomorphise entry lists it";
      this.#skip(m.id, "method", "SkipGenericWithoutMonomorphise", `method of the generic type ${name}[${params}]${why}`, m.f.decl.position);
    }
  }

  /** The methods to bridge: declared and promoted ones, and an interface's methods (its own and those of embedded interfaces of the module). */
  #methods(pkg: PackageView, t: TypeView): Member[] {
    const id = `${pkg.importPath}.${t.decl.name}`;
    const out = new Map<string, Member>();
    const valueSet = t.decl.value_method_set;
    for (const [name, f] of t.methods) {
      const pointer = valueSet === undefined ? f.decl.receiver_pointer === true : !valueSet.includes(name);
      out.set(name, { f, id: `${id}.${name}`, pointer: t.decl.kind !== "interface" && pointer, viaPkg: pkg.importPath });
    }
    if (t.decl.kind === "interface") {
      // An embedded instance of a generic interface (`Source[int]`) lends its methods with its type arguments in.
      const visit = (owner: PackageView, it: TypeView, seen: Set<string>, subst: ReadonlyMap<string, GoType>): void => {
        for (const [name, f] of it.interfaceMethods) {
          if (!isExported(name) || out.has(name)) continue;
          const lent = subst.size === 0 ? f : { ...f, signature: substitute(f.signature, subst) as FuncType };
          out.set(name, { f: lent, id: `${id}.${name}`, pointer: false, viaPkg: owner.importPath });
        }
        for (const e of it.embeddedTypes) {
          const q = qualify(e, owner.importPath);
          if (q.kind !== "named") continue;
          const found = this.table.index.get(`${q.pkg}.${q.name}`);
          const key = `${q.pkg}.${q.name}`;
          if (found === undefined || seen.has(key)) continue;
          seen.add(key);
          const args = q.args.map((a) => substitute(a, subst));
          visit(found.pkg, found.type, seen, new Map(found.type.typeParams.map((p, i) => [p.name, args[i]!] as const).filter(([, a]) => a !== undefined)));
        }
      };
      visit(pkg, t, new Set([id]), new Map());
    }
    return [...out.keys()].sort(compareUtf8).map((k) => out.get(k)!);
  }

  /** A method of a type or instance, `sig` with the instance's type arguments in. */
  #method(pkg: PackageView, ref: TypeRef, m: Member, sig: FuncType): void {
    const path = pkg.importPath;
    const { f, pointer } = m;
    const id = `${path}.${ref.key}.${f.decl.name}`;
    const recvType: GoType = pointer ? { kind: "pointer", elem: ref.named } : ref.named;
    const recv = this.table.map(recvType, path);
    if (!recv.ok) return this.#skip(id, "method", recv.reason, `receiver: ${recv.detail}`, f.decl.position);
    const planned = this.#signature(sig, m.viaPkg, { key: id, tag: `${this.#pkgTag(path)}${ref.tag}${f.decl.name}` });
    if (!planned.ok) return this.#skip(id, "method", planned.reason, planned.detail, f.decl.position);
    this.bridged.add(m.id);
    const recvName = uniqueName(escapeReserved(snakeCase(ref.named.name)) || "recv", planned.params.map((p) => p.name));
    this.#draft({
      kind: "method",
      id,
      importPath: path,
      goName: f.decl.name,
      typeName: ref.named.name,
      receiver: { name: recvName, type: recv.mapped, pointer },
      params: planned.params,
      variadic: sig.variadic,
      result: planned.result,
      ...(ref.typeArgs === undefined ? {} : { typeArgs: ref.typeArgs }),
      goSignature: `func (${pointer ? "*" : ""}${ref.key}) ${f.decl.name}${printSignature(sig)}`,
      ...(f.decl.position === undefined ? {} : { position: f.decl.position }),
      symbolParts: [...ref.symbolParts, f.decl.name],
      externNode: { pkg: path, member: { key: `type:${ref.key}`, preferred: ref.extern } },
      externLeaf: f.decl.name,
      shimLeaf: `${ref.shim}_${snakeCase(f.decl.name)}`,
      shimRank: 1,
    });
  }

  /** `new` and accessors of the exported fields of a struct (or struct instance) behind a handle. */
  #structHandle(pkg: PackageView, t: TypeView, ref: TypeRef): void {
    const path = pkg.importPath;
    const typeName = ref.named.name;
    const id = `${path}.${ref.key}`;
    const node: NodeRef = { pkg: path, member: { key: `type:${ref.key}`, preferred: ref.extern } };
    const ptr = this.table.map({ kind: "pointer", elem: ref.named }, path);
    if (!ptr.ok) return;
    const recvName = escapeReserved(snakeCase(typeName)) || "recv";
    const receiver: PlannedReceiver = { name: recvName, type: ptr.mapped, pointer: true };
    const base = {
      importPath: path,
      typeName,
      variadic: false,
      ...(ref.typeArgs === undefined ? {} : { typeArgs: ref.typeArgs }),
      ...(t.decl.position === undefined ? {} : { position: t.decl.position }),
    };
    this.#draft({
      ...base,
      kind: "new",
      id,
      goName: "",
      params: [],
      result: this.#single(ptr.mapped),
      goSignature: `new(${ref.key})`,
      symbolParts: [...ref.symbolParts, "_new"],
      externNode: node,
      externLeaf: "new",
      shimLeaf: `${ref.shim}_new`,
      shimRank: 3,
    });
    for (const f of t.fields) {
      if (!f.decl.exported) continue;
      const fid = `${id}.${f.decl.name}`;
      if (this.#deprecated(`${path}.${t.decl.name}.${f.decl.name}`, f.decl.deprecated)) {
        this.#skip(fid, "field", "SkipDeprecated", deprecation(f.decl.deprecated), t.decl.position);
        continue;
      }
      const type = ref.subst.size === 0 ? f.type : substitute(f.type, ref.subst);
      const m = this.table.map(type, path);
      if (!m.ok) {
        this.#skip(fid, "field", m.reason, `field ${f.decl.name}: ${m.detail}`, t.decl.position);
        continue;
      }
      const fieldSnake = snakeCase(f.decl.name);
      const valueName = uniqueName(escapeReserved(fieldSnake) || "value", [recvName]);
      this.#draft({
        ...base,
        kind: "field-get",
        id: fid,
        goName: f.decl.name,
        receiver,
        params: [],
        result: this.#single(m.mapped),
        goSignature: `(*${ref.key}).${f.decl.name} ${printType(type)}`,
        symbolParts: [...ref.symbolParts, "_get", f.decl.name],
        externNode: node,
        externLeaf: `get_${f.decl.name}`,
        shimLeaf: `${ref.shim}_${fieldSnake}`,
        shimRank: 2,
      });
      this.#draft({
        ...base,
        kind: "field-set",
        id: fid,
        goName: f.decl.name,
        receiver,
        params: [{ name: valueName, type: m.mapped }],
        result: this.#unit(),
        goSignature: `(*${ref.key}).${f.decl.name} = ${printType(type)}`,
        symbolParts: [...ref.symbolParts, "_set", f.decl.name],
        externNode: node,
        externLeaf: `set_${f.decl.name}`,
        shimLeaf: `${ref.shim}_set_${fieldSnake}`,
        shimRank: 2,
      });
    }
  }

  #value(pkg: PackageView, kind: "const" | "var", name: string, type: GoType | undefined, exact: string | undefined, position: string | undefined): void {
    const path = pkg.importPath;
    const id = `${path}.${name}`;
    if (type === undefined) return this.#skip(id, kind, "SkipUnparsableType", `the ingest gave no type for ${kind} ${name}`, position);
    const m = this.table.map(type, path);
    if (!m.ok) return this.#skip(id, kind, m.reason, m.detail, position);
    if (kind === "const") {
      const c = m.mapped.lower.class;
      if (c === "int" && exact !== undefined && /^-?[0-9]+$/.test(exact)) {
        const v = BigInt(exact);
        if (v > MAX_INT64 || v < MIN_INT64) return this.#skip(id, kind, "SkipConstantItem", `${name} = ${exact} does not fit Mochi's int`, position);
      }
    }
    const pos = position === undefined ? {} : { position };
    this.#draft({
      kind: "value-get",
      id,
      importPath: path,
      goName: name,
      params: [],
      variadic: false,
      result: this.#single(m.mapped),
      ...(kind === "const" && exact !== undefined ? { constValue: exact } : {}),
      goSignature: `${kind} ${name} ${printType(type)}${kind === "const" && exact !== undefined ? ` = ${exact}` : ""}`,
      ...pos,
      symbolParts: [name],
      externNode: { pkg: path },
      externLeaf: name,
      shimLeaf: snakeCase(name),
      shimRank: 4,
    });
    if (kind === "var") {
      this.#draft({
        kind: "var-set",
        id,
        importPath: path,
        goName: name,
        params: [{ name: "value", type: m.mapped }],
        variadic: false,
        result: this.#unit(),
        goSignature: `${name} = ${printType(type)}`,
        ...pos,
        symbolParts: [name, "_set"],
        externNode: { pkg: path },
        externLeaf: `set_${name}`,
        shimLeaf: `set_${snakeCase(name)}`,
        shimRank: 5,
      });
    }
  }

  // ---- support items -------------------------------------------------------

  /** release, errors, and the operations of every ref and chan declaration the Go items reach. */
  #supportItems(): void {
    const reached = this.#reachedDecls(this.drafts);
    const root = this.module;
    const support = (kind: PlannedKind, op: string, params: PlannedParam[], result: ResultShape, sig: string, node: NodeRef, leaf: string, shim: string, parts: string[], decl?: string): void => {
      this.#draft({
        kind,
        id: `${root}#${op}`,
        importPath: root,
        goName: "",
        params,
        variadic: false,
        result,
        ...(decl === undefined ? {} : { decl }),
        goSignature: sig,
        symbolParts: parts,
        externNode: node,
        externLeaf: leaf,
        shimLeaf: shim,
        shimRank: 6,
      });
    };
    const rootNode: NodeRef = { pkg: root };
    const anyHandle: Mapped = { ...this.#mapped({ kind: "basic", name: "any" }), lower: { class: "handle", of: "opaque", pointer: false } };
    support("release", "release", [{ name: "handle", type: anyHandle }], this.#unit(), "release a handle", rootNode, "_release", "release", ["_release"]);
    const errorT = this.#mapped({ kind: "basic", name: "error" });
    const stringT = this.#mapped({ kind: "basic", name: "string" });
    support("error-message", "error.message", [{ name: "err", type: errorT }], this.#single(stringT), "err.Error()", rootNode, "_error_message", "error_message", ["_error", "message"]);
    support("error-new", "error.new", [{ name: "message", type: stringT }], this.#single(errorT), "errors.New(message)", rootNode, "_error_new", "error_new", ["_error", "new"]);
    const intT = this.#mapped({ kind: "basic", name: "int" });
    for (const key of [...reached].sort(compareUtf8)) {
      const d = this.table.decl(key);
      if (d.kind !== "ref" && d.kind !== "chan") continue;
      const self: Mapped = { go: d.go, goType: parseType(d.go), mochi: { kind: "decl", key }, lower: d.kind === "ref" ? { class: "ref", elem: d.elem } : { class: "chan", dir: d.dir, elem: d.elem } };
      const node: NodeRef = { pkg: root, member: { key: `decl:${key}`, preferred: `_${d.tag}` } };
      const shimBase = snakeCase(d.tag);
      const op = (kind: PlannedKind, name: string, params: PlannedParam[], result: ResultShape, sig: string): void =>
        support(kind, `${key}.${name}`, params, result, sig, node, name, `${shimBase}_${name}`, [d.kind === "ref" ? "_ref" : "_chan", d.kind === "ref" ? d.elem.go : d.go, name], key);
      const value: PlannedParam = { name: "value", type: d.elem };
      const handle: PlannedParam = { name: d.kind === "ref" ? "ref" : "ch", type: self };
      if (d.kind === "ref") {
        op("ref-new", "new", [value], this.#single(self), `new(${d.elem.go}) holding value`);
        op("ref-load", "read", [handle], this.#single(d.elem), `*ref`);
        op("ref-store", "write", [handle, value], this.#unit(), `*ref = value`);
      } else {
        if (d.dir === "both") op("chan-make", "make", [{ name: "buffer", type: intT }], this.#single(self), `make(${d.go}, buffer)`);
        if (d.dir !== "recv") op("chan-send", "send", [handle, value], this.#unit(), `ch <- value`);
        if (d.dir !== "send") op("chan-recv", "recv", [handle], { ...this.#single(d.elem), mochi: optional(d.elem.mochi) }, `value, ok := <-ch`);
        if (d.dir !== "recv") op("chan-close", "close", [handle], this.#unit(), `close(ch)`);
      }
    }
  }

  #mapped(t: GoType): Mapped {
    const m = this.table.map(t, this.module);
    if (!m.ok) throw new Error(`support type ${printType(t)} does not map: ${m.detail}`);
    return m.mapped;
  }

  #single(m: Mapped): ResultShape {
    return { values: [m], names: [], error: false, mochi: m.mochi };
  }

  #unit(): ResultShape {
    return { values: [], names: [], error: false, mochi: { kind: "prim", name: "unit" } };
  }

  // ---- naming and assembly -------------------------------------------------

  #finish(): ModulePlan {
    const pkgSegments = this.#packageSegments();
    const externNames = this.#namespaceNames(pkgSegments, "extern");
    const shimNames = this.#namespaceNames(pkgSegments, "shim");
    const items: PlannedItem[] = this.drafts.map((d, i) => {
      const { symbolParts, externNode, externLeaf, shimLeaf, shimRank, ...rest } = d;
      return {
        ...rest,
        symbol: exportSymbol(this.prefix, this.module, d.importPath, ...symbolParts),
        extern: externNames.leaves[i]!,
        shim: shimNames.leaves[i]!,
      };
    });
    items.sort((a, b) => compareUtf8(a.symbol, b.symbol));
    for (let i = 1; i < items.length; i++) {
      if (items[i]!.symbol === items[i - 1]!.symbol) throw new Error(`duplicate symbol ${items[i]!.symbol}`);
    }
    const reached = this.#reachedDecls(this.drafts);
    const decls = this.#nameDecls(reached);
    const skipped = dedupeSkips(this.skips);
    const byReason: Record<string, number> = {};
    for (const s of skipped) byReason[s.reason] = (byReason[s.reason] ?? 0) + 1;
    const sortedByReason = Object.fromEntries(Object.keys(byReason).sort(compareUtf8).map((k) => [k, byReason[k]!]));
    const count = (ids: Set<string>) => ({ total: ids.size, bridged: [...ids].filter((id) => this.bridged.has(id)).length });
    const funcs = count(this.counted.funcs);
    const methods = count(this.counted.methods);
    return {
      module: this.module,
      version: this.version,
      alias: this.alias,
      prefix: this.prefix,
      items,
      decls,
      namespaces: [...externNames.prefixes].sort(compareUtf8),
      funcSigs: this.#funcSigs(items),
      instances: [...this.planned].sort((a, b) => compareUtf8(a.symbol, b.symbol)),
      skipped,
      stats: { total: funcs.total + methods.total, bridged: funcs.bridged + methods.bridged, funcs, methods, skippedByReason: sortedByReason },
    };
  }

  /** The Mochi segment of each package under the alias: path elements made identifiers, siblings kept distinct. */
  #packageSegments(): Map<string, string[]> {
    const paths = new Set<string>([this.module]);
    for (const d of this.drafts) paths.add(d.importPath);
    const rel = (p: string): string[] => (p === this.module ? [] : p.slice(this.module.length + 1).split("/"));
    // Every ancestor directory is a node too, so siblings are compared at each level.
    const nodes = new Set<string>();
    for (const p of paths) {
      const parts = rel(p);
      for (let i = 1; i <= parts.length; i++) nodes.add(parts.slice(0, i).join("/"));
    }
    const byParent = new Map<string, NameClaim[]>();
    for (const n of nodes) {
      const parent = n.includes("/") ? n.slice(0, n.lastIndexOf("/")) : "";
      const elem = n.slice(n.lastIndexOf("/") + 1);
      const list = byParent.get(parent) ?? [];
      list.push({ key: n, preferred: pathSegment(elem), rank: 0 });
      byParent.set(parent, list);
    }
    const segment = new Map<string, string>();
    for (const claims of byParent.values()) for (const [k, v] of assignNames(claims)) segment.set(k, v);
    const out = new Map<string, string[]>();
    for (const p of paths) {
      const parts = rel(p);
      out.set(p, parts.map((_, i) => segment.get(parts.slice(0, i + 1).join("/"))!));
    }
    return out;
  }

  /**
   * Names every draft's leaf in one of the two namespaces. Per package node,
   * the leaves and member nodes compete for names with the child package
   * segments taken; inside a member node (a type, a support declaration)
   * its leaves compete. Returns the dotted name per draft and every prefix.
   */
  #namespaceNames(pkgSegments: Map<string, string[]>, which: "extern" | "shim"): { leaves: string[]; prefixes: Set<string> } {
    const pkgPath = (p: string): string => [this.alias, ...pkgSegments.get(p)!].join(".");
    const childSegments = new Map<string, Set<string>>();
    for (const segs of pkgSegments.values()) {
      for (let i = 0; i < segs.length; i++) {
        const parent = [this.alias, ...segs.slice(0, i)].join(".");
        const set = childSegments.get(parent) ?? new Set<string>();
        set.add(segs[i]!);
        childSegments.set(parent, set);
      }
    }
    // Claims per package node: leaves (extern: with member nodes as single claims).
    const claims = new Map<string, NameClaim[]>();
    const memberClaims = new Map<string, NameClaim[]>();
    const add = (map: Map<string, NameClaim[]>, node: string, c: NameClaim): void => {
      const list = map.get(node) ?? [];
      if (!list.some((x) => x.key === c.key)) list.push(c);
      map.set(node, list);
    };
    this.drafts.forEach((d, i) => {
      const node = pkgPath(d.externNode.pkg);
      if (which === "shim") {
        add(claims, node, { key: `leaf:${i}`, preferred: escapeReserved(d.shimLeaf), rank: d.shimRank });
      } else if (d.externNode.member === undefined) {
        add(claims, node, { key: `leaf:${i}`, preferred: escapeReserved(d.externLeaf), rank: 1 });
      } else {
        const m = d.externNode.member;
        add(claims, node, { key: `member:${m.key}`, preferred: m.preferred, rank: 0 });
        add(memberClaims, `${node}\u0000${m.key}`, { key: `leaf:${i}`, preferred: escapeReserved(d.externLeaf), rank: 0 });
      }
    });
    const leafName = new Map<string, string>();
    const prefixes = new Set<string>();
    for (const segs of pkgSegments.values()) for (let i = 1; i <= segs.length; i++) prefixes.add([this.alias, ...segs.slice(0, i)].join("."));
    for (const [node, list] of claims) {
      const names = assignNames(list, childSegments.get(node) ?? new Set());
      for (const [key, name] of names) {
        if (key.startsWith("leaf:")) leafName.set(key, `${node}.${name}`);
        else {
          const memberKey = key.slice("member:".length);
          prefixes.add(`${node}.${name}`);
          for (const [lk, ln] of assignNames(memberClaims.get(`${node}\u0000${memberKey}`) ?? [])) leafName.set(lk, `${node}.${name}.${ln}`);
        }
      }
    }
    return { leaves: this.drafts.map((_, i) => leafName.get(`leaf:${i}`)!), prefixes };
  }

  /** Every declaration a draft's Mochi types reach, through records, results and options (handles are leaves). */
  #reachedDecls(drafts: readonly Draft[]): Set<string> {
    const out = new Set<string>();
    const visitType = (t: MochiType): void => {
      switch (t.kind) {
        case "prim":
          return;
        case "list":
        case "option":
          return visitType(t.elem);
        case "map":
          visitType(t.key);
          return visitType(t.value);
        case "fun":
          t.params.forEach(visitType);
          return visitType(t.result);
        case "record":
          return t.fields.forEach((f) => visitType(f.type));
        case "decl": {
          if (out.has(t.key)) return;
          out.add(t.key);
          const d = this.table.decl(t.key);
          if (d.kind === "record") d.fields.forEach((f) => visitType(f.type.mochi));
          else if (d.kind === "alias") visitType(d.target);
          else if (d.kind === "results") d.fields.forEach((f) => visitType(f.type));
          else if (d.kind === "result") {
            visitType({ kind: "decl", key: ERROR_DECL_KEY });
            if (d.value !== undefined) visitType(d.value);
          } else if (d.kind === "ref" || d.kind === "chan") visitType(d.elem.mochi);
          return;
        }
      }
    };
    const visitMapped = (m: Mapped): void => visitType(m.mochi);
    for (const d of drafts) {
      if (d.receiver !== undefined) visitMapped(d.receiver.type);
      d.params.forEach((p) => visitMapped(p.type));
      visitType(d.result.mochi);
      d.result.values.forEach(visitMapped);
    }
    return out;
  }

  /** Names the reached declarations and orders them so every type is declared after the types it mentions (GRAMMAR.md R20, §3.8). */
  #nameDecls(reached: Set<string>): PlannedDecl[] {
    const keys = [...reached].sort(compareUtf8);
    const rank: Record<MochiDecl["kind"], number> = { handle: 0, alias: 0, record: 0, ref: 1, chan: 2, results: 3, result: 4 };
    const claims: NameClaim[] = [];
    for (const key of keys) {
      const d = this.table.decl(key);
      claims.push({ key: `type:${key}`, preferred: `${this.aliasPascal}${d.tag}`, rank: rank[d.kind] });
      if (d.kind === "result") {
        const rest = d.value === undefined ? "" : d.tag.slice("Result".length);
        claims.push({ key: `ok:${key}`, preferred: `${this.aliasPascal}Ok${rest}`, rank: 5 });
        claims.push({ key: `err:${key}`, preferred: `${this.aliasPascal}Err${rest}`, rank: 5 });
      }
    }
    const names = assignNames(claims);
    const deps = (d: MochiDecl): string[] => {
      const out: string[] = [];
      const walk = (t: MochiType): void => {
        if (t.kind === "decl") out.push(t.key);
        else if (t.kind === "list" || t.kind === "option") walk(t.elem);
        else if (t.kind === "map") (walk(t.key), walk(t.value));
        else if (t.kind === "fun") (t.params.forEach(walk), walk(t.result));
        else if (t.kind === "record") t.fields.forEach((f) => walk(f.type));
      };
      if (d.kind === "record") d.fields.forEach((f) => walk(f.type.mochi));
      if (d.kind === "alias") walk(d.target);
      if (d.kind === "results") d.fields.forEach((f) => walk(f.type));
      if (d.kind === "result") {
        out.push(ERROR_DECL_KEY);
        if (d.value !== undefined) walk(d.value);
      }
      return out;
    };
    // Depth-first, dependencies first; cycles cannot occur (records on a cycle are handles).
    const ordered: PlannedDecl[] = [];
    const done = new Set<string>();
    const byName = keys.sort((a, b) => compareUtf8(names.get(`type:${a}`)!, names.get(`type:${b}`)!));
    const isHandle = (k: string): boolean => ["handle", "ref", "chan"].includes(this.table.decl(k).kind);
    const emit = (key: string): void => {
      if (done.has(key)) return;
      done.add(key);
      for (const dep of deps(this.table.decl(key)).sort(compareUtf8)) emit(dep);
      const d = this.table.decl(key);
      const planned: PlannedDecl =
        d.kind === "result" ? { decl: d, name: names.get(`type:${key}`)!, ok: names.get(`ok:${key}`)!, err: names.get(`err:${key}`)! } : { decl: d, name: names.get(`type:${key}`)! };
      ordered.push(planned);
    };
    // The `= any` aliases first (they mention nothing), then the rest by name.
    for (const key of byName.filter(isHandle)) emit(key);
    for (const key of byName) emit(key);
    return ordered;
  }

  /** Every func type that crosses in a bridged item, with the symbol that calls a Go func of that type. */
  #funcSigs(items: readonly PlannedItem[]): PlannedFuncSig[] {
    const found = new Map<string, Mapped>();
    const seen = new Set<Mapped>();
    const visit = (m: Mapped): void => {
      if (seen.has(m)) return;
      seen.add(m);
      const l = m.lower;
      if (l.class === "func") {
        if (!found.has(m.go)) found.set(m.go, m);
        l.params.forEach(visit);
        l.results.forEach(visit);
      } else if (l.class === "list" || l.class === "ref" || l.class === "chan") visit(l.elem);
      else if (l.class === "map") (visit(l.key), visit(l.value));
      else if (l.class === "record") l.fields.forEach((f) => visit(f.type));
    };
    for (const it of items) {
      if (it.receiver !== undefined) visit(it.receiver.type);
      it.params.forEach((p) => visit(p.type));
      it.result.values.forEach(visit);
    }
    return [...found.keys()].sort(compareUtf8).map((go) => ({
      go,
      type: found.get(go)!,
      callSymbol: exportSymbol(this.prefix, this.module, this.module, "_func", go, "call"),
    }));
  }

  // ---- helpers -------------------------------------------------------------

  #draft(d: Draft): void {
    this.drafts.push(d);
  }

  #skip(item: string, kind: SkipItemKind, reason: SkipToken, detail: string, position?: string): void {
    this.skips.push(skipEntry(item, kind, reason, detail, position));
  }

  /** PascalCase of the package path relative to the module ("" for the root package). */
  #pkgTag(path: string): string {
    return path === this.module ? "" : pascalCase(path.slice(this.module.length + 1));
  }

  /** Validates the monomorphise entries against the generic funcs and types of the surface (E005..E008) into `instances`. */
  #checkMonomorphise(entries: readonly MonomorphiseEntry[]): void {
    for (const e of entries) {
      const where = `[go] monomorphise item ${JSON.stringify(e.item)}`;
      const target = this.#monoTarget(e.item);
      if (target === undefined) {
        throw new MochiError("M074_BRIDGE_E005", `${e.item} is not a generic function, generic type or method of a generic type of ${this.module}`, { where });
      }
      const { pkg, typeParams } = target;
      if (e.typeArgs.length !== typeParams.length) {
        throw new MochiError("M074_BRIDGE_E006", `${target.generic} has ${typeParams.length} type parameter(s), the entry gives ${e.typeArgs.length}`, { where });
      }
      const args = e.typeArgs.map((s) => {
        try {
          return qualify(parseType(s), pkg.importPath);
        } catch (err) {
          if (!isMochiError(err)) throw err;
          throw new MochiError("M074_BRIDGE_E008", `type argument ${JSON.stringify(s)} does not parse: ${err.detail}`, { where });
        }
      });
      typeParams.forEach((p, i) => {
        const arg = args[i]!;
        const m = this.table.map(arg, pkg.importPath);
        if (!m.ok) throw new MochiError("M074_BRIDGE_E008", `type argument ${printType(arg)} cannot cross: ${m.reason}: ${m.detail}`, { where });
        const constraint = qualify(p.constraint, pkg.importPath);
        if (!this.#satisfies(arg, constraint, new Set())) {
          throw new MochiError("M074_BRIDGE_E007", `type argument ${printType(arg)} does not satisfy ${p.name} ${printType(constraint)}`, { where });
        }
      });
      // One instance per argument list; method entries of one type instance add up.
      const key = args.map(printType).join(",");
      const byArgs: Instances = this.instances.get(target.generic) ?? new Map();
      const inst = byArgs.get(key) ?? { args, methods: new Set<string>() };
      if (target.method === undefined) inst.methods = "all";
      else if (inst.methods !== "all") inst.methods.add(target.method);
      byArgs.set(key, inst);
      this.instances.set(target.generic, byArgs);
    }
  }

  /** What a monomorphise item names: `<pkg>.<Func>`, `<pkg>.<Type>` or `<pkg>.<Type>.<Method>`, generic. */
  #monoTarget(item: string):
    | { pkg: PackageView; generic: string; typeParams: readonly TypeParamView[]; method?: string }
    | undefined {
    const dot = item.lastIndexOf(".");
    if (dot < 0) return undefined;
    const head = item.slice(0, dot);
    const last = item.slice(dot + 1);
    const pkg = this.view.packages.get(head);
    if (pkg !== undefined) {
      const f = pkg.funcs.get(last);
      if (f !== undefined) return f.typeParams.length > 0 ? { pkg, generic: item, typeParams: f.typeParams } : undefined;
      const t = pkg.types.get(last);
      return t !== undefined && t.typeParams.length > 0 ? { pkg, generic: item, typeParams: t.typeParams } : undefined;
    }
    const dot2 = head.lastIndexOf(".");
    const owner = dot2 < 0 ? undefined : this.view.packages.get(head.slice(0, dot2));
    const t = owner?.types.get(head.slice(dot2 + 1));
    if (owner === undefined || t === undefined || t.typeParams.length === 0) return undefined;
    if (!this.#methods(owner, t).some((m) => m.f.decl.name === last)) return undefined;
    return { pkg: owner, generic: head, typeParams: t.typeParams, method: last };
  }

  /** Whether a type argument is in a constraint's type set, as far as the surface tells (methods are not checked). */
  #satisfies(arg: GoType, constraint: GoType, seen: Set<string>): boolean {
    switch (constraint.kind) {
      case "basic":
        if (constraint.name === "any") return true;
        if (constraint.name === "comparable") return !["slice", "map", "func"].includes(this.#underlyingOf(arg).kind);
        return identical(arg, constraint);
      case "union":
        return constraint.terms.some((t) => identical(t.tilde ? this.#underlyingOf(arg) : arg, t.type));
      case "interface":
        return constraint.embedded.every((e) => this.#satisfies(arg, e, seen));
      case "named": {
        const key = printType(constraint);
        const known = KNOWN_CONSTRAINTS[key];
        if (known !== undefined) return known.includes(printType(this.#underlyingOf(arg)));
        const found = this.table.index.get(`${constraint.pkg}.${constraint.name}`);
        if (found === undefined || seen.has(key) || found.type.underlying === undefined) return true;
        seen.add(key);
        return this.#satisfies(arg, qualify(found.type.underlying, found.pkg.importPath), seen);
      }
      default:
        return identical(arg, constraint);
    }
  }

  /** The underlying type as far as the surface knows (foreign named types stay themselves, known basic ones resolve). */
  #underlyingOf(t: GoType): GoType {
    if (t.kind !== "named") return t;
    const found = this.table.index.get(`${t.pkg}.${t.name}`);
    if (found?.type.underlying !== undefined && found.type.decl.kind !== "alias") return this.#underlyingOf(qualify(found.type.underlying, found.pkg.importPath));
    if (found?.type.aliasOf !== undefined) return this.#underlyingOf(qualify(found.type.aliasOf, found.pkg.importPath));
    return t;
  }
}

const INTEGERS = ["int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr"];
const FLOATS = ["float32", "float64"];

/** Type sets of well-known foreign constraints (by underlying basic type). */
const KNOWN_CONSTRAINTS: Readonly<Record<string, readonly string[]>> = {
  "cmp.Ordered": [...INTEGERS, ...FLOATS, "string"],
  "golang.org/x/exp/constraints.Ordered": [...INTEGERS, ...FLOATS, "string"],
  "golang.org/x/exp/constraints.Integer": INTEGERS,
  "golang.org/x/exp/constraints.Signed": INTEGERS.filter((n) => !n.startsWith("u")),
  "golang.org/x/exp/constraints.Unsigned": INTEGERS.filter((n) => n.startsWith("u")),
  "golang.org/x/exp/constraints.Float": FLOATS,
  "golang.org/x/exp/constraints.Complex": ["complex64", "complex128"],
};

/** byte and rune are uint8 and int32. */
function canonicalBasic(t: GoType): string {
  const s = printType(t);
  return s === "byte" ? "uint8" : s === "rune" ? "int32" : s;
}

function identical(a: GoType, b: GoType): boolean {
  return canonicalBasic(a) === canonicalBasic(b);
}

/** A Mochi-safe instance suffix for a type argument (`[]string` → `list_string`). */
function argName(t: GoType): string {
  switch (t.kind) {
    case "basic":
    case "typeparam":
      return t.name;
    case "named":
      return [t.name, ...t.args.map(argName)].join("_");
    case "pointer":
      return `ptr_${argName(t.elem)}`;
    case "slice":
      return `list_${argName(t.elem)}`;
    case "array":
      return `array${t.length}_${argName(t.elem)}`;
    case "map":
      return `map_${argName(t.key)}_${argName(t.value)}`;
    case "chan":
      return `chan_${argName(t.elem)}`;
    default:
      return t.kind;
  }
}

/** Mochi names for Go parameters: Go's when usable, else p<i>; reserved words get `_`; all distinct. */
function paramNames(params: readonly GoParam[]): string[] {
  const out: string[] = [];
  params.forEach((p, i) => {
    const base = p.name !== undefined && p.name !== "_" && isMochiIdent(p.name) ? escapeReserved(p.name) : `p${i}`;
    out.push(uniqueName(base, out));
  });
  return out;
}

function uniqueName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}_${n}`;
  return name;
}

function optional(t: MochiType): MochiType {
  return t.kind === "fun" ? { kind: "option", elem: { kind: "prim", name: "any" } } : { kind: "option", elem: t };
}

function deprecation(message: string | undefined): string {
  return `deprecated: ${message ?? ""}`;
}

function skipKind(kind: "func" | "type" | "const" | "var" | "unknown", name: string): SkipItemKind {
  if (kind === "func") return name.includes(".") ? "method" : "func";
  return kind;
}

function sortedKeys<V>(m: ReadonlyMap<string, V>): string[] {
  return [...m.keys()].sort(compareUtf8);
}

/** One entry per (item, token, detail): a method reached through two embeddings is reported once. */
function dedupeSkips(entries: readonly SkipEntry[]): SkipEntry[] {
  const sorted = [...entries].sort(compareSkipEntries);
  return sorted.filter((e, i) => i === 0 || compareSkipEntries(e, sorted[i - 1]!) !== 0);
}
