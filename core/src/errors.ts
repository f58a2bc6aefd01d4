// The one registry of mochi-pkg error codes. Every code a user can see is
// listed here with what went wrong and what to do; a test checks that codes
// are unique and that every code used in the sources is registered.
//
// Codes: M057_<CAT>_E<NNN> for the package-system codes of the MEP-57 specs,
// M074_<CAT>_E<NNN> for the Go bridge. Each category is owned by one module.

export interface ErrorSpec {
  readonly code: string;
  /** What went wrong, in general terms. */
  readonly summary: string;
  /** What the user should do about it. */
  readonly hint: string;
}

export const ERROR_REGISTRY = [
  // core/src/hashing.ts (mirrors enum hash-error in wit/hashing.wit)
  {
    code: "M074_HASH_E001",
    summary: "a hasher was used after it finished",
    hint: "create a new hasher for each input; finish() may be called once",
  },
  {
    code: "M074_HASH_E002",
    summary: "hashing input is not a byte array",
    hint: "pass a Uint8Array (a Node Buffer is one); encode strings with TextEncoder first",
  },
  {
    code: "M074_HASH_E003",
    summary: "an RFC 6962 node hash needs two 32-byte child hashes",
    hint: "pass the 32-byte SHA-256 hashes of the left and right subtrees",
  },
  {
    code: "M074_HASH_E004",
    summary: "unknown hash algorithm",
    hint: "use one of: sha256, blake3",
  },
  // core/src/go/semver.ts, pseudo.ts (M074_SEMVER_*)
  // end core/src/go/semver.ts,
  // core/src/go/modpath.ts (M074_MODPATH_*)
  // end core/src/go/modpath.ts
  // core/src/go/zip.ts (M074_ZIP_*)
  // end core/src/go/zip.ts
  // core/src/go/dirhash.ts (M074_DIRHASH_*)
  // end core/src/go/dirhash.ts
  // core/src/go/note.ts (M074_NOTE_*)
  // end core/src/go/note.ts
  // core/src/go/tlog.ts (M074_TLOG_*)
  // end core/src/go/tlog.ts
  // core/src/go/sumdb.ts (M074_SUMDB_*)
  // end core/src/go/sumdb.ts
  // core/src/go/gomod.ts (M074_GOMOD_*)
  // end core/src/go/gomod.ts
  // core/src/go/goenv.ts (M074_GOENV_*)
  // end core/src/go/goenv.ts
  // core/src/go/vanity.ts (M074_VANITY_*)
  // end core/src/go/vanity.ts
] as const satisfies readonly ErrorSpec[];

export type ErrorCode = (typeof ERROR_REGISTRY)[number]["code"];

const BY_CODE: ReadonlyMap<string, ErrorSpec> = new Map(ERROR_REGISTRY.map((e) => [e.code, e]));

export function errorSpec(code: ErrorCode): ErrorSpec {
  const spec = BY_CODE.get(code);
  if (spec === undefined) throw new Error(`unregistered error code ${code}`);
  return spec;
}

export interface MochiErrorOptions {
  /** Where the problem is: a file:line:col, a URL, a zip entry, an argument name. */
  readonly where?: string;
  /** A hint more specific than the registry's. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * The error every mochi-pkg layer throws for bad input or a failed check.
 * Its message names the code, what was wrong, where, and what to do.
 */
export class MochiError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly where: string | undefined;
  readonly hint: string;

  constructor(code: ErrorCode, detail: string, options: MochiErrorOptions = {}) {
    const hint = options.hint ?? errorSpec(code).hint;
    const at = options.where === undefined ? "" : ` (at ${options.where})`;
    super(`${code}: ${detail}${at}\n  hint: ${hint}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MochiError";
    this.code = code;
    this.detail = detail;
    this.where = options.where;
    this.hint = hint;
  }
}

export function isMochiError(e: unknown, code?: ErrorCode): e is MochiError {
  return e instanceof MochiError && (code === undefined || e.code === code);
}
