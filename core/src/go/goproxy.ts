// The pure half of the GOPROXY protocol client (cmd/go's modfetch/proxy.go):
// request URLs, how a status code steers the walk down the GOPROXY list,
// reading @v/list and .info bodies, choosing "latest", go.sum lines, and the
// module cache layout (which mirrors the proxy URL space, so a cache
// directory served as static files is itself a GOPROXY).
//
// list, .info and @latest are not authenticated and may change between
// requests; only .mod and .zip are checked against go.sum / the checksum
// database. Nothing here caches.

import { base64Decode, compareUtf8 } from "../bytes.js";
import { MochiError, isMochiError } from "../errors.js";
import type { ProxyEntry } from "./goenv.js";
import { fields } from "./goenv.js";
import { checkPathVersion, escapePath, escapeVersion } from "./modpath.js";
import { isPseudoVersion, pseudoVersionTime } from "./pseudo.js";
import { formatGoSumLine } from "./dirhash.js";
import { canonicalModuleVersion, compare, isValid, sortVersions } from "./semver.js";
import { MAX_ZIP_FILE } from "./zip.js";

const q = (s: string): string => JSON.stringify(s);

export interface ModuleUrls {
  /** $base/M/@v/list: the known versions, one per line. */
  readonly list: string;
  /** $base/M/@latest: .info JSON of the latest version (optional endpoint). */
  readonly latest: string;
}

export interface VersionUrls {
  readonly info: string;
  readonly mod: string;
  readonly zip: string;
}

/**
 * The GOPROXY request URLs for a module (and a version): base with one
 * trailing "/" trimmed, then the "!"-escaped path and version. "+" (as in
 * +incompatible) is sent literally.
 */
export function proxyUrls(base: string, module: string): ModuleUrls;
export function proxyUrls(base: string, module: string, version: string): ModuleUrls & VersionUrls;
export function proxyUrls(base: string, module: string, version?: string): ModuleUrls & Partial<VersionUrls> {
  const root = `${base.endsWith("/") ? base.slice(0, -1) : base}/${escapePath(module, "GOPROXY module path")}`;
  const urls = { list: `${root}/@v/list`, latest: `${root}/@latest` };
  if (version === undefined) return urls;
  const v = `${root}/@v/${escapeVersion(version, "GOPROXY version")}`;
  return { ...urls, info: `${v}.info`, mod: `${v}.mod`, zip: `${v}.zip` };
}

/** A .zip download is read up to this many bytes: one more than the largest valid module zip, to notice a larger one. */
export const MAX_ZIP_DOWNLOAD = MAX_ZIP_FILE + 1;

/** What a proxy response status means: 200 is success, 404 and 410 "not here", anything else an error. */
export function proxyStatusKind(status: number): "ok" | "not-found" | "error" {
  if (status === 200) return "ok";
  return status === 404 || status === 410 ? "not-found" : "error";
}

/**
 * Walks a GOPROXY list as cmd/go's TryProxies does. An entry is left for the
 * next one when it reports "not found" (404/410, or "off"), or on any error
 * when it was followed by "|". When all fail, the most useful error is
 * thrown: direct's, else the last proxy error, else the last "not found".
 * attempt is called for every entry but "off" (so "direct" means: fetch from
 * the VCS); an empty list behaves as "off".
 */
export async function tryProxies<T>(
  entries: readonly ProxyEntry[],
  attempt: (entry: ProxyEntry) => Promise<T>,
  isNotFound: (err: unknown) => boolean,
): Promise<T> {
  const off = (): MochiError => new MochiError("M074_GOPROXY_E008", "module lookup disabled by GOPROXY=off", { where: "GOPROXY" });
  if (entries.length === 0) throw off();
  let best: unknown;
  let rank = 0; // 0: not found, 1: a proxy's error, 2: direct's error
  for (const entry of entries) {
    let notFound: boolean;
    try {
      if (entry.url === "off") throw off();
      return await attempt(entry);
    } catch (err) {
      notFound = entry.url === "off" || isNotFound(err);
      if (entry.url === "direct") {
        best = err;
        rank = 2;
      } else if (rank <= 1 && !notFound) {
        best = err;
        rank = 1;
      } else if (rank === 0) {
        best = err;
      }
    }
    if (!entry.fallbackOnAnyError && !notFound) break;
  }
  throw best;
}

/**
 * The versions a @v/list body offers for "go list -m -versions": the first
 * field of each line when it is a valid semantic version, pseudo-versions
 * left out, sorted ascending (duplicates once).
 */
export function listVersions(body: string): string[] {
  const found = new Set<string>();
  for (const line of body.split("\n")) {
    const v = fields(line)[0];
    if (v !== undefined && isValid(v) && !isPseudoVersion(v)) found.add(v);
  }
  return sortVersions([...found]);
}

/**
 * "latest" is chosen from listVersions by query.ts (highest release, else
 * highest prerelease); with neither, the proxy's @latest answers, and when
 * that is missing too, this fallback: the most recent version of a
 * @v/list body by time, taken from a line's second field (RFC 3339) or else
 * from a pseudo-version's timestamp. Tagged lines without a time are ignored
 * (the list had no usable tag to begin with). Ties keep the first line.
 */
export function latestFromList(body: string): string | undefined {
  let bestTime = 0n;
  let best: string | undefined;
  for (const line of body.split("\n")) {
    const f = fields(line);
    const v = f[0];
    if (v === undefined || !isValid(v)) continue;
    let t: bigint | undefined;
    if (f.length >= 2) t = parseRfc3339(f[1]!);
    else if (isPseudoVersion(v)) t = pseudoTime(v);
    else continue;
    // Unparseable times count as Go's zero time, which never wins.
    if (t !== undefined && (best === undefined || t > bestTime)) {
      bestTime = t;
      best = v;
    }
  }
  return best;
}

/** A pseudo-version's commit time, or undefined when its timestamp is not a real time (month 13, ...). */
function pseudoTime(v: string): bigint | undefined {
  try {
    return parseRfc3339(pseudoVersionTime(v));
  } catch (e) {
    if (isMochiError(e)) return undefined;
    throw e;
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/**
 * An RFC 3339 time (as Go's time.RFC3339 accepts it, fractional seconds
 * allowed) as nanoseconds since the Unix epoch; undefined when malformed or
 * out of range. Exact beyond JavaScript's millisecond Date.
 */
export function parseRfc3339(s: string): bigint | undefined {
  const m = RFC3339.exec(s);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) return undefined;
  let offset = 0;
  if (m[8] !== "Z") {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
  const nanos = BigInt((m[7] ?? "").slice(0, 9).padEnd(9, "0"));
  return BigInt(seconds) * 1_000_000_000n + nanos;
}

/** A .info (or @latest) response. */
export interface RevInfo {
  /** Canonical. */
  readonly version: string;
  /** RFC 3339, as the proxy wrote it. */
  readonly time?: string;
}

export interface ParseInfoOptions {
  /** Where the body came from (its URL), for error messages. */
  readonly where?: string;
  /** With requested: the module path, for the "must echo the requested version" rule. */
  readonly module?: string;
  /** The version asked for in the .info URL. */
  readonly requested?: string;
}

/** Encoding/json matches field names case-insensitively; the last matching key wins. */
function field(obj: Readonly<Record<string, unknown>>, name: string): unknown {
  let value: unknown;
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === name.toLowerCase()) value = v;
  return value;
}

/**
 * Reads a .info / @latest body: a JSON object with a canonical Version and an
 * optional RFC 3339 Time; other fields (Origin, ...) are ignored. When a
 * canonical version valid for the module was requested, the proxy must
 * answer with exactly that version.
 */
export function parseInfo(body: string, options: ParseInfoOptions = {}): RevInfo {
  const where = options.where ?? "GOPROXY .info";
  const fail = (code: "M074_GOPROXY_E001" | "M074_GOPROXY_E002" | "M074_GOPROXY_E003" | "M074_GOPROXY_E004" | "M074_GOPROXY_E005", detail: string): never => {
    throw new MochiError(code, detail, { where });
  };
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch (e) {
    fail("M074_GOPROXY_E001", `invalid JSON from proxy: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) fail("M074_GOPROXY_E001", `proxy response is not a JSON object: ${body.slice(0, 80)}`);
  const record = obj as Record<string, unknown>;
  const version = field(record, "Version");
  if (typeof version !== "string" || version === "") fail("M074_GOPROXY_E002", `proxy response has no Version string: ${body.slice(0, 80)}`);
  const v = version as string;
  if (canonicalModuleVersion(v) !== v) fail("M074_GOPROXY_E003", `proxy returned non-canonical version ${q(v)}`);
  const time = field(record, "Time");
  if (time !== undefined && time !== null && (typeof time !== "string" || parseRfc3339(time) === undefined)) {
    fail("M074_GOPROXY_E004", `proxy returned Time ${JSON.stringify(time)}, not an RFC 3339 time`);
  }
  const { module, requested } = options;
  if (module !== undefined && requested !== undefined && v !== requested && requested === canonicalModuleVersion(requested)) {
    let appropriate = true;
    try {
      checkPathVersion(module, requested);
    } catch (e) {
      if (!isMochiError(e)) throw e;
      appropriate = false;
    }
    if (appropriate) fail("M074_GOPROXY_E005", `proxy returned info for version ${v} instead of requested version ${requested}`);
  }
  return typeof time === "string" ? { version: v, time } : { version: v };
}

/** The .mod a proxy serves for a module that has no go.mod file: exactly "module <path>\n". */
export function synthesizedGoMod(modulePath: string): string {
  return `module ${modulePath}\n`;
}

/** One go.sum line: "<module> <version>[/go.mod] <hash>". */
export interface GoSumLine {
  readonly path: string;
  /** Without the "/go.mod" suffix. */
  readonly version: string;
  /** The hash is of the version's go.mod alone, not of the module zip. */
  readonly goMod: boolean;
  /** "h1:<base64>"; other algorithm prefixes (h2:, ...) are kept but only h1 is defined. */
  readonly hash: string;
}

/** An old go command wrote this hash (of an empty go.mod) by mistake; the go command drops such lines. */
const EMPTY_GO_MOD_HASH = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

export function parseGoSumLine(line: string, where = "go.sum"): GoSumLine {
  const f = fields(line);
  if (f.length !== 3) {
    throw new MochiError("M074_GOPROXY_E006", `go.sum line ${q(line)} has ${f.length} fields, not 3`, { where });
  }
  const [path, vers, hash] = f as [string, string, string];
  if (hash.startsWith("h1:") && base64Decode(hash.slice(3))?.length !== 32) {
    throw new MochiError("M074_GOPROXY_E007", `go.sum hash ${q(hash)} is not h1: and the base64 of 32 bytes`, { where });
  }
  const goMod = vers.endsWith("/go.mod");
  return { path, version: goMod ? vers.slice(0, -"/go.mod".length) : vers, goMod, hash };
}

/** Reads a go.sum file: blank lines skipped, the old empty-go.mod hash dropped, every other line must parse. */
export function parseGoSum(text: string, filename = "go.sum"): GoSumLine[] {
  const out: GoSumLine[] = [];
  text.split("\n").forEach((line, i) => {
    const f = fields(line);
    if (f.length === 0 || (f.length === 3 && f[2] === EMPTY_GO_MOD_HASH)) return;
    out.push(parseGoSumLine(line, `${filename}:${i + 1}`));
  });
  return out;
}

/**
 * Writes go.sum as the go command does: modules by path, then version by
 * semver with a version's zip line before its /go.mod line, then hash;
 * duplicates once, every line ending in "\n".
 */
export function formatGoSum(lines: readonly GoSumLine[]): string {
  const sorted = [...lines].sort(
    (a, b) =>
      compareUtf8(a.path, b.path) ||
      compare(a.version, b.version) ||
      compareUtf8(a.version, b.version) ||
      Number(a.goMod) - Number(b.goMod) ||
      compareUtf8(a.hash, b.hash),
  );
  const text = sorted.map((l) => formatGoSumLine(l.path, l.version, l.hash, l.goMod));
  return text.filter((l, i) => i === 0 || l !== text[i - 1]).map((l) => l + "\n").join("");
}

/** Where the go command keeps one module version, relative to $GOMODCACHE. */
export interface ModuleCachePaths {
  /** cache/download/<M>/@v/list */
  readonly list: string;
  readonly info: string;
  readonly mod: string;
  readonly zip: string;
  /** Holds the zip's h1: hash. */
  readonly ziphash: string;
  readonly lock: string;
  /** The extracted, read-only source tree <M>@<V>. */
  readonly dir: string;
}

/** The module cache layout: cache/download mirrors the proxy URL space, with path and version "!"-escaped. */
export function moduleCachePaths(modulePath: string, version: string): ModuleCachePaths {
  const m = escapePath(modulePath, "module cache path");
  const v = escapeVersion(version, "module cache version");
  const at = `cache/download/${m}/@v/${v}`;
  return {
    list: `cache/download/${m}/@v/list`,
    info: `${at}.info`,
    mod: `${at}.mod`,
    zip: `${at}.zip`,
    ziphash: `${at}.ziphash`,
    lock: `${at}.lock`,
    dir: `${m}@${v}`,
  };
}

/** Where a checksum-database cache file (a sumdb client cache key such as "sum.golang.org/tile/8/0/x123/456") lives, relative to $GOMODCACHE. */
export function sumDbCachePath(cacheKey: string): string {
  return `cache/download/sumdb/${cacheKey}`;
}

/** Where a checksum-database config file (the trusted "<name>/latest" tree head) lives, relative to $GOPATH. */
export function sumDbConfigPath(file: string): string {
  return `pkg/sumdb/${file}`;
}
