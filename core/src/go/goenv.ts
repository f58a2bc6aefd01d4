// The go command's environment, read the way cmd/go reads it: GOPROXY (the
// proxy list with its "," and "|" fallback rules), GOSUMDB, GOPRIVATE and the
// GONOPROXY/GONOSUMDB/GOINSECURE globs that default to it, GOVCS and GOFLAGS.
// A user who already has these set for the go command gets the same module
// sources and the same checksum checks from mochi-pkg.
//
// Also home to the small pieces of Go's strings and net/url behaviour the env
// values need (Fields, TrimSpace, url.Parse), which gomod.ts and vanity.ts
// reuse so every Go text is split the same way.

import { base64Decode, utf8Encode } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";
import { matchPrefixPatterns } from "./modpath.js";
import { isValidName } from "./note.js";

const q = (s: string): string => JSON.stringify(s);

const SPACE_RUN = /\p{White_Space}+/u;
const EDGE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** strings.Fields: split around runs of Unicode white space (Go's unicode.IsSpace), dropping empties. */
export function fields(s: string): string[] {
  return s.split(SPACE_RUN).filter((f) => f !== "");
}

/** strings.TrimSpace: drop leading and trailing Unicode white space. */
export function trimSpace(s: string): string {
  return s.replace(EDGE_SPACE, "");
}

/** What Go's url.Parse makes of a URL, reduced to the parts the env and vanity rules look at. */
export interface UrlParts {
  /** Lower-cased; "" when there is none. */
  readonly scheme: string;
  /** The rest of "scheme:rest" when rest does not start with "/" (mailto:x). */
  readonly opaque: string;
  /** The userinfo before "@" in the authority, if any. */
  readonly user: string | undefined;
  readonly host: string;
  /** Percent-decoded. */
  readonly path: string;
  /** True when the path as written is not Go's default escaping of the decoded path (Go sets RawPath). */
  readonly rawPath: boolean;
  /** Text after "?", and whether a lone trailing "?" was given. */
  readonly query: string;
  readonly forceQuery: boolean;
  readonly fragment: string | undefined;
}

const CTL = /[\x00-\x1f\x7f]/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
// Host characters Go accepts unescaped (RFC 3986 reg-name plus ":" "[" "]" "<" ">" '"'), or any non-ASCII.
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"\u0080-\u{10ffff}]|%[0-9A-Fa-f]{2})*$/u;
// Path characters Go's escape(encodePath) leaves alone.
const PATH_PLAIN = /^[A-Za-z0-9\-._~$&+,/:;=@]*$/;

function percentDecode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run; // not UTF-8: keep the escapes, which only matters for reporting
    }
  });
}

/** Go's getScheme: a scheme is letters then [A-Za-z0-9+.-] before the first ":". */
function splitScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: "", rest: raw };
      continue;
    }
    if (c === ":") {
      if (i === 0) return { error: "missing protocol scheme" };
      return { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    }
    return { scheme: "", rest: raw };
  }
  return { scheme: "", rest: raw };
}

/**
 * url.Parse, as far as GOPROXY, GOSUMDB and go-import repo roots need it.
 * Returns the parts, or { error } with Go's reason; never throws, so each
 * caller reports the failure under its own code.
 */
export function parseUrl(raw: string): UrlParts | { readonly error: string } {
  const hash = raw.indexOf("#");
  const main = hash < 0 ? raw : raw.slice(0, hash);
  const fragment = hash < 0 ? undefined : raw.slice(hash + 1);
  if (CTL.test(main)) return { error: "invalid control character in URL" };
  if (fragment !== undefined && BAD_ESCAPE.test(fragment)) return { error: "invalid URL escape in fragment" };
  const split = splitScheme(main);
  if ("error" in split) return split;
  const { scheme } = split;
  let rest = split.rest;
  let query = "";
  let forceQuery = false;
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) {
    forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (rest.includes("?")) {
    query = rest.slice(rest.indexOf("?") + 1);
    rest = rest.slice(0, rest.indexOf("?"));
  }
  const base = { scheme, opaque: "", user: undefined, host: "", path: "", rawPath: false, query, forceQuery, fragment };
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { ...base, opaque: rest };
    if (rest.split("/")[0]!.includes(":")) return { error: "first path segment in URL cannot contain colon" };
  }
  let user: string | undefined;
  let host = "";
  if (rest.startsWith("//") && (scheme !== "" || !rest.startsWith("///"))) {
    const slash = rest.indexOf("/", 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? "" : rest.slice(slash);
    const at = authority.lastIndexOf("@");
    if (at >= 0) {
      user = authority.slice(0, at);
      if (!USERINFO.test(user) || BAD_ESCAPE.test(user)) return { error: "invalid userinfo" };
    }
    host = authority.slice(at + 1);
    if (!HOST.test(host)) return { error: `invalid character in host name ${q(host)}` };
    const port = /:([^\]:]*)$/.exec(host);
    if (port !== null && !/^[0-9]*$/.test(port[1]!)) return { error: `invalid port ${q(":" + port[1]!)} after host` };
  }
  if (BAD_ESCAPE.test(rest)) return { error: "invalid URL escape in path" };
  const path = percentDecode(rest);
  return { ...base, user, host: percentDecode(host), path, rawPath: escapePathLikeGo(path) !== rest };
}

/** url.PathEscape's per-byte rule for whole paths: plain characters stay, every other UTF-8 byte becomes %XX. */
function escapePathLikeGo(path: string): string {
  let out = "";
  for (const c of path) {
    out += PATH_PLAIN.test(c) ? c : [...utf8Encode(c)].map((b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")).join("");
  }
  return out;
}

function fail(code: ErrorCode, detail: string, where: string): never {
  throw new MochiError(code, detail, { where });
}

/**
 * One GOPROXY entry: a proxy base URL, or "direct" (fetch from the VCS),
 * "off" (fail), or "noproxy" (the implicit first entry when GONOPROXY is set:
 * matching modules go direct, the others skip it).
 */
export interface ProxyEntry {
  readonly url: string;
  /** Set by a following "|": fall through to the next entry on any error, not only 404/410. */
  readonly fallbackOnAnyError: boolean;
}

/** The only schemes the go command fetches proxies over. */
function checkProxyUrl(url: string, where: string): void {
  const u = parseUrl(url);
  if ("error" in u) fail("M074_GOENV_E002", `proxy URL ${q(url)}: ${u.error}`, where);
  switch (u.scheme) {
    case "http":
    case "https":
      return;
    case "file":
      if (u.opaque !== "" || u.user !== undefined || u.host !== "" || u.query !== "" || u.forceQuery || u.fragment !== undefined) {
        fail("M074_GOENV_E005", `file:// proxy URL ${q(url)} has elements other than a path`, where);
      }
      return;
    case "":
      fail("M074_GOENV_E003", `proxy URL ${q(url)} has no scheme`, where);
    default:
      fail("M074_GOENV_E004", `proxy URL ${q(url)} uses scheme ${q(u.scheme)}; it must be https, http or file`, where);
  }
}

/**
 * Parses GOPROXY as cmd/go's proxyList does. Entries are split at "," and
 * "|" (the separator after an entry decides its fallback), trimmed, empties
 * skipped; "direct" and "off" end the list; a word containing ".", ":" or
 * "/" but no ":/" and not an absolute path gets "https://". When gonoproxy is
 * non-empty and GOPROXY is not exactly "direct", a "noproxy" entry comes
 * first. An empty value gives [] (which fetches nothing, like "off").
 */
export function parseGoProxy(value: string, gonoproxy = ""): ProxyEntry[] {
  const where = "GOPROXY";
  const list: ProxyEntry[] = gonoproxy !== "" && value !== "direct" ? [{ url: "noproxy", fallbackOnAnyError: false }] : [];
  for (const m of value.matchAll(/([^,|]*)([,|]?)/g)) {
    if (m.index === value.length && m[0] === "") break;
    const url = trimSpace(m[1]!);
    if (url === "") continue;
    if (url === "off" || url === "direct") {
      list.push({ url, fallbackOnAnyError: false });
      break;
    }
    const full = /[.:/]/.test(url) && !url.includes(":/") && !url.startsWith("/") ? "https://" + url : url;
    checkProxyUrl(full, where);
    list.push({ url: full, fallbackOnAnyError: m[2] === "|" });
  }
  if (value !== "" && list.every((e) => e.url === "noproxy")) {
    fail("M074_GOENV_E001", `GOPROXY=${q(value)} is not empty but contains no entries`, where);
  }
  return list;
}

/** A checksum database as GOSUMDB names it. */
export interface GoSumDb {
  readonly name: string;
  readonly verifierKey: string;
  /** The explicit URL from GOSUMDB, used as is; undefined means "discover through the proxies, else directUrl". */
  readonly url: string | undefined;
  /** https://<name>, where the database is reached when no proxy serves it. */
  readonly directUrl: string;
}

/** cmd/go's built-in keys (knownGOSUMDB): GOSUMDB may name these databases without a key. */
export const knownGoSumDb: Readonly<Record<string, string>> = {
  "sum.golang.org": "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
};

/**
 * Checks the shape of a verifier key (name+hash+base64key) as note's
 * NewVerifier does: a name with no spaces or "+", exactly 8 hex digits, and a
 * 33-byte Ed25519 key. The hash itself is checked against the key by the note
 * verifier, which has a SHA-256 at hand.
 */
function checkVerifierKey(vkey: string, where: string): string {
  const [name = "", hash = "", ...key] = vkey.split("+");
  const bytes = base64Decode(key.join("+"));
  const bad = (why: string): never => fail("M074_GOENV_E008", `GOSUMDB key ${q(vkey)}: ${why}`, where);
  if (!isValidName(name)) bad("the name is empty or contains spaces");
  if (!/^[0-9A-Fa-f]{8}$/.test(hash)) bad("the key hash is not 8 hex digits");
  if (bytes === undefined || bytes.length === 0) bad("the key is not base64");
  if (bytes![0] !== 1) fail("M074_GOENV_E009", `GOSUMDB key ${q(vkey)} uses algorithm ${bytes![0]!}, not Ed25519 (1)`, where);
  if (bytes!.length !== 33) bad(`the Ed25519 key is ${bytes!.length - 1} bytes, not 32`);
  return name;
}

/**
 * Parses GOSUMDB as cmd/go's dbDial does: "off", a known name, "name+hash+key"
 * or "name+hash+key url". "sum.golang.google.cn" is sum.golang.org's key served
 * from https://sum.golang.google.cn. An empty value is an error: the caller
 * applies the default (goEnvFromRecord does).
 */
export function parseGoSumDb(value: string): GoSumDb | "off" {
  const where = "GOSUMDB";
  const spec = value === "sum.golang.google.cn" ? "sum.golang.org https://sum.golang.google.cn" : value;
  if (spec === "off") return "off";
  const f = fields(spec);
  if (f.length === 0) fail("M074_GOENV_E006", "GOSUMDB is empty", where);
  if (f.length > 2) fail("M074_GOENV_E007", `GOSUMDB=${q(value)} has ${f.length} fields; at most 2 (key and URL) are allowed`, where);
  const verifierKey = knownGoSumDb[f[0]!] ?? f[0]!;
  const name = checkVerifierKey(verifierKey, where);
  const direct = parseUrl("https://" + name);
  if (
    "error" in direct ||
    name.endsWith("/") ||
    direct.host === "" ||
    direct.user !== undefined ||
    direct.rawPath ||
    direct.query !== "" ||
    direct.forceQuery ||
    direct.fragment !== undefined
  ) {
    fail("M074_GOENV_E010", `checksum database name ${q(name)} is not host[/path]`, where);
  }
  const url = f[1];
  if (url !== undefined) {
    const u = parseUrl(url);
    if ("error" in u || !["http", "https", "file"].includes(u.scheme)) {
      fail("M074_GOENV_E011", `GOSUMDB URL ${q(url)} is not an http, https or file URL${"error" in u ? `: ${u.error}` : ""}`, where);
    }
  }
  return { name, verifierKey, url, directUrl: "https://" + name };
}

/** One GOFLAGS word: -name or -name=value (a leading "--" is the same flag). */
export interface GoFlag {
  readonly name: string;
  readonly value: string | undefined;
}

/** The -mod modes the go command knows. */
export type ModMode = "mod" | "readonly" | "vendor";

function parseGoFlags(value: string): GoFlag[] {
  return fields(value).map((f) => {
    if (!/^--?[^-=]/.test(f)) fail("M074_GOENV_E012", `GOFLAGS word ${q(f)} is not a flag`, "GOFLAGS");
    const body = f.replace(/^--?/, "");
    const eq = body.indexOf("=");
    return eq < 0 ? { name: body, value: undefined } : { name: body.slice(0, eq), value: body.slice(eq + 1) };
  });
}

function modMode(flags: readonly GoFlag[]): ModMode | undefined {
  let mode: ModMode | undefined;
  for (const f of flags) {
    if (f.name !== "mod") continue;
    if (f.value !== "mod" && f.value !== "readonly" && f.value !== "vendor") {
      fail("M074_GOENV_E013", `GOFLAGS sets -mod=${f.value ?? ""}; expected mod, readonly or vendor`, "GOFLAGS");
    }
    mode = f.value; // as with repeated flags, the last one wins
  }
  return mode;
}

/** One GOVCS rule: a path glob (or "public"/"private") and the VCS names it allows ("all" allows any). */
export interface GoVcsRule {
  readonly pattern: string;
  readonly allowed: readonly string[];
}

/** Appended after the user's rules: public modules may use git and hg, private ones anything. */
const DEFAULT_GOVCS: readonly GoVcsRule[] = [
  { pattern: "private", allowed: ["all"] },
  { pattern: "public", allowed: ["git", "hg"] },
];

function parseGoVcs(value: string): GoVcsRule[] {
  const where = "GOVCS";
  const s = trimSpace(value);
  if (s === "") return [];
  const seen = new Map<string, string>();
  return s.split(",").map((raw) => {
    const item = trimSpace(raw);
    if (item === "") fail("M074_GOENV_E014", `GOVCS=${q(value)} has an empty entry`, where);
    const colon = item.indexOf(":");
    if (colon < 0) fail("M074_GOENV_E015", `GOVCS entry ${q(item)} has no ':'`, where);
    const pattern = trimSpace(item.slice(0, colon));
    const list = trimSpace(item.slice(colon + 1));
    if (pattern === "") fail("M074_GOENV_E016", `GOVCS entry ${q(item)} has an empty pattern`, where);
    if (list === "") fail("M074_GOENV_E017", `GOVCS entry ${q(item)} has an empty VCS list`, where);
    if (pattern === "." || pattern === ".." || pattern.startsWith("./") || pattern.startsWith("../")) {
      fail("M074_GOENV_E018", `GOVCS pattern ${q(pattern)} is a relative path`, where);
    }
    const earlier = seen.get(pattern);
    if (earlier !== undefined) fail("M074_GOENV_E019", `GOVCS entry ${q(item)} can never match: ${q(earlier)} comes first`, where);
    seen.set(pattern, item);
    const allowed = list.split("|").map(trimSpace);
    if (allowed.includes("")) fail("M074_GOENV_E020", `GOVCS entry ${q(item)} has an empty VCS name`, where);
    return { pattern, allowed };
  });
}

/** The go command's module-fetching environment, with its defaults applied. */
export interface GoEnv {
  /** GOPROXY as in effect (default https://proxy.golang.org,direct). */
  readonly goproxy: string;
  /** GOPROXY parsed, with the leading "noproxy" entry when GONOPROXY is set. */
  readonly proxies: readonly ProxyEntry[];
  readonly gosumdb: GoSumDb | "off";
  readonly goprivate: string;
  /** Default GOPRIVATE. */
  readonly gonoproxy: string;
  /** Default GOPRIVATE. */
  readonly gonosumdb: string;
  readonly goinsecure: string;
  /** The user's GOVCS rules followed by the defaults. */
  readonly govcs: readonly GoVcsRule[];
  readonly goflags: readonly GoFlag[];
  /** -mod from GOFLAGS, if set. */
  readonly mod: ModMode | undefined;
}

/**
 * Reads the go command's variables from an environment record. As in cmd/go,
 * a variable set to "" counts as unset: GOPROXY defaults to
 * https://proxy.golang.org,direct, GOSUMDB to sum.golang.org, and GONOPROXY and
 * GONOSUMDB to GOPRIVATE.
 */
export function goEnvFromRecord(env: Readonly<Record<string, string | undefined>>): GoEnv {
  const get = (name: string, fallback = ""): string => {
    const v = env[name];
    return v === undefined || v === "" ? fallback : v;
  };
  const goprivate = get("GOPRIVATE");
  const gonoproxy = get("GONOPROXY", goprivate);
  const goproxy = get("GOPROXY", "https://proxy.golang.org,direct");
  const goflags = parseGoFlags(get("GOFLAGS"));
  return {
    goproxy,
    proxies: parseGoProxy(goproxy, gonoproxy),
    gosumdb: parseGoSumDb(get("GOSUMDB", "sum.golang.org")),
    goprivate,
    gonoproxy,
    gonosumdb: get("GONOSUMDB", goprivate),
    goinsecure: get("GOINSECURE"),
    govcs: [...parseGoVcs(get("GOVCS")), ...DEFAULT_GOVCS],
    goflags,
    mod: modMode(goflags),
  };
}

/** True when the module skips the proxies and is fetched from its VCS (GONOPROXY, default GOPRIVATE). */
export function noProxyFor(env: GoEnv, modulePath: string): boolean {
  return matchPrefixPatterns(env.gonoproxy, modulePath);
}

/** True when the module is not checked against the checksum database (GOSUMDB=off, or GONOSUMDB). */
export function noSumDbFor(env: GoEnv, modulePath: string): boolean {
  return env.gosumdb === "off" || matchPrefixPatterns(env.gonosumdb, modulePath);
}

/** True when the module may be fetched over plain http or without certificate checks (GOINSECURE). */
export function insecureFor(env: GoEnv, modulePath: string): boolean {
  return matchPrefixPatterns(env.goinsecure, modulePath);
}

/**
 * The sources to try for one module, in order. A GONOPROXY module goes
 * straight to its VCS, even when GOPROXY is off (cmd/go's "noproxy" entry
 * comes first); every other module skips that entry.
 */
export function proxiesFor(env: GoEnv, modulePath: string): ProxyEntry[] {
  if (noProxyFor(env, modulePath)) return [{ url: "direct", fallbackOnAnyError: false }];
  return env.proxies.filter((p) => p.url !== "noproxy");
}

/**
 * Throws unless GOVCS lets `vcs` fetch the repository at `root`. The first
 * rule whose pattern matches decides ("public"/"private" by GOPRIVATE); no
 * matching rule means no. "mod" (a GOPROXY-protocol server) is always allowed.
 */
export function checkGoVcs(env: GoEnv, root: string, vcs: string): void {
  if (vcs === "mod") return;
  const isPrivate = matchPrefixPatterns(env.goprivate, root);
  for (const rule of env.govcs) {
    const match =
      rule.pattern === "private" ? isPrivate : rule.pattern === "public" ? !isPrivate : matchPrefixPatterns(rule.pattern, root);
    if (!match) continue;
    if (rule.allowed.includes(vcs) || rule.allowed.includes("all")) return;
    break;
  }
  fail("M074_GOENV_E021", `GOVCS disallows using ${vcs} for ${isPrivate ? "private" : "public"} ${root}`, "GOVCS");
}
