// Reading TOML into typed structures with positioned, coded errors; shared by
// the manifest and lockfile readers, which differ only in their codes.
// smol-toml parses (and gives line/column for syntax errors); the position
// index (toml-index.ts) is built only when a semantic error needs a place,
// so a valid 10,000-package lockfile never pays for it.

import { parse, TomlError } from "smol-toml";
import { MochiError, type ErrorCode, type MochiErrorOptions } from "../errors.js";
import { TomlIndex } from "./toml-index.js";
import { formatTomlPath, type TomlPath } from "./toml-text.js";

/** What smol-toml gives back: null-prototype tables, arrays and scalars. */
export type TomlValue = string | number | bigint | boolean | object | TomlValue[] | TomlTable;
export interface TomlTable {
  readonly [key: string]: TomlValue;
}

/** The codes a reader raises for the generic shape rules. */
export interface ReaderCodes {
  readonly syntax: ErrorCode;
  readonly type: ErrorCode;
  readonly unknownKey: ErrorCode;
  readonly missing: ErrorCode;
}

/**
 * Parses TOML text; a syntax error becomes `syntax` with file:line:column.
 * Integers come back as bigint and floats as number, so `1` and `1.0` stay
 * apart as TOML's integer and float types are.
 */
export function parseTomlText(text: string, file: string, syntax: ErrorCode): TomlTable {
  try {
    return parse(text, { integersAsBigInt: true }) as TomlTable;
  } catch (e) {
    if (e instanceof TomlError) {
      const message = e.message.replace(/^Invalid TOML document: /, "").split("\n")[0]!;
      throw new MochiError(syntax, `invalid TOML: ${message}`, { where: `${file}:${e.line}:${e.column}`, cause: e });
    }
    throw e;
  }
}

export function isTable(v: unknown): v is TomlTable {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === null;
}

/** How a value's type is named in messages. */
export function describeType(v: unknown): string {
  if (typeof v === "string") return "a string";
  if (typeof v === "boolean") return "a boolean";
  if (typeof v === "bigint") return "an integer";
  if (typeof v === "number") return "a float";
  if (Array.isArray(v)) return "an array";
  if (isTable(v)) return "a table";
  return "a date-time";
}

/** Typed access to a parsed TOML document; every failure names the code, the key path and file:line:column. */
export class TomlReader {
  #index: TomlIndex | undefined;

  constructor(
    readonly text: string,
    readonly file: string,
    readonly codes: ReaderCodes,
  ) {}

  /** The position index, built on first use. */
  get index(): TomlIndex {
    this.#index ??= new TomlIndex(this.text);
    return this.#index;
  }

  where(path: TomlPath, at: "key" | "value" = "key"): string {
    const { line, column } = this.index.locate(path, at);
    return `${this.file}:${line}:${column}`;
  }

  fail(code: ErrorCode, detail: string, path: TomlPath, at: "key" | "value" = "value", options: Omit<MochiErrorOptions, "where"> = {}): never {
    throw new MochiError(code, detail, { ...options, where: this.where(path, at) });
  }

  wrongType(v: unknown, expected: string, path: TomlPath): never {
    return this.fail(this.codes.type, `${formatTomlPath(path)} must be ${expected}, not ${describeType(v)}`, path);
  }

  table(v: unknown, path: TomlPath): TomlTable {
    return isTable(v) ? v : this.wrongType(v, "a table", path);
  }

  string(v: unknown, path: TomlPath): string {
    return typeof v === "string" ? v : this.wrongType(v, "a string", path);
  }

  bool(v: unknown, path: TomlPath): boolean {
    return typeof v === "boolean" ? v : this.wrongType(v, "a boolean", path);
  }

  /** An integer within [min, max] (safe integers); outside it is `rangeCode`. */
  integer(v: unknown, path: TomlPath, min: number, max: number, rangeCode: ErrorCode): number {
    if (typeof v !== "bigint") return this.wrongType(v, "an integer", path);
    if (v < BigInt(min) || v > BigInt(max)) return this.fail(rangeCode, `${formatTomlPath(path)} = ${v} is outside ${min}..${max}`, path);
    return Number(v);
  }

  array(v: unknown, path: TomlPath): TomlValue[] {
    return Array.isArray(v) ? v : this.wrongType(v, "an array", path);
  }

  stringArray(v: unknown, path: TomlPath): string[] {
    return this.array(v, path).map((x, i) => this.string(x, [...path, i]));
  }

  /** Refuses keys outside `allowed`, with `code` (default: the unknown-key code). */
  keys(t: TomlTable, path: TomlPath, allowed: readonly string[], code: ErrorCode = this.codes.unknownKey): void {
    for (const k of Object.keys(t)) {
      if (!allowed.includes(k)) {
        const where = path.length === 0 ? "at the top level" : `in ${formatTomlPath(path)}`;
        this.fail(code, `unknown key ${JSON.stringify(k)} ${where}; allowed: ${allowed.join(", ")}`, [...path, k], "key");
      }
    }
  }

  required(t: TomlTable, key: string, path: TomlPath, code: ErrorCode = this.codes.missing): TomlValue {
    const v = t[key];
    if (v === undefined) this.fail(code, `${formatTomlPath(path)} is missing the required key ${JSON.stringify(key)}`, path, "key");
    return v;
  }
}
