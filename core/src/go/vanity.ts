// Vanity import paths: how the go command learns where the code of an import
// path like golang.org/x/mod lives. Well-known hosts (github.com/o/r, ...) and
// paths with a VCS qualifier (example.com/repo.git/pkg) need no lookup; any
// other path is fetched as https://<path>?go-get=1 and the page's
// <meta name="go-import" content="prefix vcs repo-url [subdir]"> tags say
// where the repository (or, with vcs "mod", a GOPROXY server) is.
//
// The page is read the way cmd/go reads it: with a lenient XML tokenizer
// (encoding/xml with Strict=false, RawToken) that stops at <body> or </head>,
// so a page that parses there parses here and vice versa.

import { MochiError, type ErrorCode } from "../errors.js";
import { fields, parseUrl } from "./goenv.js";

const q = (s: string): string => JSON.stringify(s);

/** One <meta name="go-import"> tag. */
export interface MetaImport {
  readonly prefix: string;
  /** git, hg, svn, bzr, fossil, or mod (a GOPROXY-protocol server). */
  readonly vcs: string;
  readonly repoRoot: string;
  /** The module's directory inside the repository (4-field form, Go 1.25+); "" if none. */
  readonly subdir: string;
}

/** IgnoreMod: GOPATH-style VCS fetches, "mod" tags dropped. PreferMod: module mode, "mod" tags first. */
export type ModuleMode = "IgnoreMod" | "PreferMod";

// ---------------------------------------------------------------------------
// A lenient XML tokenizer, as encoding/xml's RawToken with Strict=false.

type RawToken =
  | { readonly kind: "start"; readonly name: string; readonly attrs: readonly { readonly name: string; readonly value: string }[] }
  | { readonly kind: "end"; readonly name: string }
  | { readonly kind: "other" };

/** Why the tokenizer stopped, with the code it maps to. */
class Stop {
  constructor(
    readonly code: ErrorCode,
    readonly why: string,
  ) {}
}

const NAME_BYTE = /[A-Za-z0-9_:.-]/;
const UNQUOTED_VALUE = /[A-Za-z0-9_:-]/;
const NAME_FIRST = /^[\p{L}\p{Nl}_:]$/u;
const NAME_NEXT = /^[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}_:.\-\u00b7]$/u;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

/** XML's Char production: what may appear in text and attribute values. */
function inCharRange(cp: number): boolean {
  return cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function isXmlName(s: string): boolean {
  const cs = [...s];
  return cs.length > 0 && NAME_FIRST.test(cs[0]!) && cs.slice(1).every((c) => NAME_FIRST.test(c) || NAME_NEXT.test(c));
}

/** The value of param="..." in a processing instruction's text (encoding/xml's procInst). */
function procInst(param: string, s: string): string {
  const m = new RegExp(`${param}=(["'])`).exec(s);
  if (m === null) return "";
  const rest = s.slice(m.index + m[0].length);
  const end = rest.indexOf(m[1]!);
  return end < 0 ? "" : rest.slice(0, end);
}

class XmlReader {
  private i = 0;
  private pendingEnd: string | undefined;

  constructor(private readonly s: string) {}

  private getc(): string | undefined {
    return this.i < this.s.length ? this.s[this.i++] : undefined;
  }

  private must(): string {
    const c = this.getc();
    if (c === undefined) throw new Stop("M074_VANITY_E001", "unexpected EOF");
    return c;
  }

  private unget(): void {
    this.i--;
  }

  private space(): void {
    while (this.i < this.s.length && " \r\n\t".includes(this.s[this.i]!)) this.i++;
  }

  /** Name bytes as encoding/xml reads them (non-ASCII accepted); undefined when none. */
  private readName(): string | undefined {
    let name = "";
    for (;;) {
      const c = this.must();
      if (c < "\x80" && !NAME_BYTE.test(c)) {
        this.unget();
        return name === "" ? undefined : name;
      }
      name += c;
    }
  }

  private name(): string | undefined {
    const n = this.readName();
    if (n !== undefined && !isXmlName(n)) throw new Stop("M074_VANITY_E001", `invalid XML name: ${n}`);
    return n;
  }

  /** The local part of a possibly prefixed name (og:meta → meta). */
  private nsname(): string | undefined {
    const n = this.name();
    if (n === undefined) return undefined;
    const parts = n.split(":");
    return parts.length === 2 && parts[0] !== "" && parts[1] !== "" ? parts[1] : n;
  }

  /**
   * Character data up to "<" (or the closing quote of an attribute value, or
   * "]]>" of a CDATA section), with entities decoded as far as they are known
   * and \r\n folded to \n. Unknown entities stay as written.
   */
  private text(quote: string | undefined, cdata: boolean): string {
    let out = "";
    let b0 = "";
    let b1 = "";
    for (;;) {
      const c = this.getc();
      if (c === undefined) {
        if (cdata) throw new Stop("M074_VANITY_E001", "unexpected EOF in CDATA section");
        break;
      }
      if (quote === undefined && b0 === "]" && b1 === "]" && c === ">") {
        if (cdata) {
          out = out.slice(0, -2);
          break;
        }
        throw new Stop("M074_VANITY_E001", "unescaped ]]> not in CDATA section");
      }
      if (c === "<" && !cdata) {
        if (quote !== undefined) throw new Stop("M074_VANITY_E001", "unescaped < inside quoted string");
        this.unget();
        break;
      }
      if (quote !== undefined && c === quote) break;
      if (c === "&" && !cdata) {
        out += this.entity();
        b0 = b1 = "";
        continue;
      }
      if (c === "\r") out += "\n";
      else if (!(b1 === "\r" && c === "\n")) out += c;
      b0 = b1;
      b1 = c;
    }
    for (const ch of out) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0xd800 && cp <= 0xdfff) throw new Stop("M074_VANITY_E001", "invalid UTF-8");
      if (!inCharRange(cp)) throw new Stop("M074_VANITY_E001", `illegal character code U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
    }
    return out;
  }

  /** After "&": a character or the five predefined entities; anything else is kept literally. */
  private entity(): string {
    let raw = "&";
    let c = this.must();
    if (c === "#") {
      raw += c;
      c = this.must();
      const hex = c === "x";
      if (hex) {
        raw += c;
        c = this.must();
      }
      let digits = "";
      while (hex ? /[0-9A-Fa-f]/.test(c) : /[0-9]/.test(c)) {
        digits += c;
        c = this.must();
      }
      raw += digits;
      if (c !== ";") {
        this.unget();
        return raw;
      }
      const n = digits === "" ? NaN : parseInt(digits, hex ? 16 : 10);
      if (!(n <= 0x10ffff)) return raw + ";";
      return n >= 0xd800 && n <= 0xdfff ? "\ufffd" : String.fromCodePoint(n);
    }
    this.unget();
    const name = this.readName() ?? "";
    raw += name;
    if (this.must() !== ";") {
      this.unget();
      return raw;
    }
    return isXmlName(name) && name in ENTITIES ? ENTITIES[name]! : raw + ";";
  }

  /** The next token, or undefined at the end of the input. Throws Stop on malformed markup. */
  next(): RawToken | undefined {
    if (this.pendingEnd !== undefined) {
      const name = this.pendingEnd;
      this.pendingEnd = undefined;
      return { kind: "end", name };
    }
    const c = this.getc();
    if (c === undefined) return undefined;
    if (c !== "<") {
      this.unget();
      this.text(undefined, false);
      return { kind: "other" };
    }
    const d = this.must();
    if (d === "/") {
      const name = this.nsname();
      if (name === undefined) throw new Stop("M074_VANITY_E001", "expected element name after </");
      this.space();
      if (this.must() !== ">") throw new Stop("M074_VANITY_E001", `invalid characters between </${name} and >`);
      return { kind: "end", name };
    }
    if (d === "?") return this.procInst();
    if (d === "!") return this.bang();
    this.unget();
    return this.startElement();
  }

  private procInst(): RawToken {
    const target = this.name();
    if (target === undefined) throw new Stop("M074_VANITY_E001", "expected target name after <?");
    this.space();
    let data = "";
    while (!data.endsWith("?>")) data += this.must();
    data = data.slice(0, -2);
    if (target === "xml") {
      const version = procInst("version", data);
      if (version !== "" && version !== "1.0") throw new Stop("M074_VANITY_E002", `unsupported XML version ${q(version)}; only 1.0 is supported`);
      const encoding = procInst("encoding", data);
      if (encoding !== "" && !["utf-8", "ascii"].includes(encoding.toLowerCase())) {
        throw new Stop("M074_VANITY_E003", `can't decode the page using charset ${q(encoding)}`);
      }
    }
    return { kind: "other" };
  }

  /** After "<!": a comment, a CDATA section, or a directive such as <!DOCTYPE html>. */
  private bang(): RawToken {
    const c = this.must();
    if (c === "-") {
      if (this.must() !== "-") throw new Stop("M074_VANITY_E001", "invalid sequence <!- not part of <!--");
      let b0 = "";
      let b1 = "";
      for (;;) {
        const b = this.must();
        if (b0 === "-" && b1 === "-") {
          if (b !== ">") throw new Stop("M074_VANITY_E001", 'invalid sequence "--" not allowed in comments');
          return { kind: "other" };
        }
        b0 = b1;
        b1 = b;
      }
    }
    if (c === "[") {
      for (const want of "CDATA[") if (this.must() !== want) throw new Stop("M074_VANITY_E001", "invalid <![ sequence");
      this.text(undefined, true);
      return { kind: "other" };
    }
    // A directive: nested <...> count, quoted ones do not, <!-- --> inside are skipped.
    let inQuote = "";
    let depth = 0;
    // The character right after "<!" is taken as is (so "<!>" does not end the directive).
    let pending: string | undefined;
    for (;;) {
      let b: string;
      if (pending !== undefined) {
        b = pending;
        pending = undefined;
      } else {
        b = this.must();
        if (inQuote === "" && b === ">" && depth === 0) return { kind: "other" };
      }
      if (b === inQuote) inQuote = "";
      else if (inQuote !== "") continue;
      else if (b === "'" || b === '"') inQuote = b;
      else if (b === ">") depth--;
      else if (b === "<") {
        let comment = true;
        for (const want of "!--") {
          const x = this.must();
          if (x !== want) {
            depth++;
            pending = x;
            comment = false;
            break;
          }
        }
        if (comment) {
          let b0 = "";
          let b1 = "";
          for (let x = this.must(); !(b0 === "-" && b1 === "-" && x === ">"); x = this.must()) {
            b0 = b1;
            b1 = x;
          }
        }
      }
    }
  }

  private startElement(): RawToken {
    const name = this.nsname();
    if (name === undefined) throw new Stop("M074_VANITY_E001", "expected element name after <");
    const attrs: { name: string; value: string }[] = [];
    for (;;) {
      this.space();
      const c = this.must();
      if (c === "/") {
        if (this.must() !== ">") throw new Stop("M074_VANITY_E001", "expected /> in element");
        this.pendingEnd = name;
        break;
      }
      if (c === ">") break;
      this.unget();
      const attr = this.nsname();
      if (attr === undefined) throw new Stop("M074_VANITY_E001", "expected attribute name in element");
      this.space();
      if (this.must() !== "=") {
        this.unget();
        attrs.push({ name: attr, value: attr }); // a bare attribute stands for itself
        continue;
      }
      this.space();
      attrs.push({ name: attr, value: this.attrValue() });
    }
    return { kind: "start", name, attrs };
  }

  private attrValue(): string {
    const c = this.must();
    if (c === '"' || c === "'") return this.text(c, false);
    this.unget();
    let value = "";
    for (let b = this.must(); UNQUOTED_VALUE.test(b); b = this.must()) value += b;
    this.unget();
    return value;
  }
}

const eqFold = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The go-import tags of a ?go-get=1 page, read up to <body> or </head>. Tags
 * whose content has 3 or 4 fields count. IgnoreMod drops "mod" tags;
 * PreferMod lists them first and drops a VCS tag whose prefix also has a mod
 * tag. Malformed markup is an error only if no tag came before it.
 */
export function parseMetaGoImports(html: string, mode: ModuleMode): MetaImport[] {
  const reader = new XmlReader(html);
  const imports: MetaImport[] = [];
  try {
    for (let t = reader.next(); t !== undefined; t = reader.next()) {
      if (t.kind === "start" && eqFold(t.name, "body")) break;
      if (t.kind === "end" && eqFold(t.name, "head")) break;
      if (t.kind !== "start" || !eqFold(t.name, "meta")) continue;
      const attr = (name: string): string => t.attrs.find((a) => eqFold(a.name, name))?.value ?? "";
      if (attr("name") !== "go-import") continue;
      const f = fields(attr("content"));
      if (f.length === 3 || f.length === 4) imports.push({ prefix: f[0]!, vcs: f[1]!, repoRoot: f[2]!, subdir: f[3] ?? "" });
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    if (imports.length === 0) throw new MochiError(e.code, `reading go-import tags: ${e.why}`, { where: "?go-get=1 page" });
  }
  const modPrefixes = new Set(mode === "PreferMod" ? imports.filter((m) => m.vcs === "mod").map((m) => m.prefix) : []);
  return [
    ...imports.filter((m) => mode === "PreferMod" && m.vcs === "mod"),
    ...imports.filter((m) => m.vcs !== "mod" && !modPrefixes.has(m.prefix)),
  ];
}

/** str.HasPathPrefix: prefix equals s, or is followed by "/" in s (or ends in "/" itself). */
function hasPathPrefix(s: string, prefix: string): boolean {
  if (s.length === prefix.length) return s === prefix;
  if (prefix === "") return true;
  return s.length > prefix.length && (prefix.endsWith("/") || s[prefix.length] === "/") && s.startsWith(prefix);
}

/**
 * The one tag for importPath: its prefix must be a path prefix of the
 * import path. None is an error, and so are several, unless the first is a
 * "mod" tag (they come first in PreferMod lists) and the others are not.
 */
export function matchGoImport(imports: readonly MetaImport[], importPath: string): MetaImport {
  let match: MetaImport | undefined;
  for (const im of imports) {
    if (!hasPathPrefix(importPath, im.prefix)) continue;
    if (match !== undefined) {
      if (match.vcs === "mod" && im.vcs !== "mod") break;
      throw new MochiError("M074_VANITY_E005", `multiple meta tags match import path ${q(importPath)}: ${q(match.prefix)} and ${q(im.prefix)}`, { where: importPath });
    }
    match = im;
  }
  if (match === undefined) {
    const seen = imports.map((m) => m.prefix).join(", ");
    throw new MochiError("M074_VANITY_E004", `no go-import meta tag matches import path ${q(importPath)}${seen === "" ? "" : ` (prefixes: ${seen})`}`, {
      where: importPath,
    });
  }
  return match;
}

/** A go-import repo URL must parse, have a scheme, and not be file:// (a page must not point go at local files). */
export function validateRepoRoot(root: string): void {
  const u = parseUrl(root);
  if ("error" in u) throw new MochiError("M074_VANITY_E006", `repo root ${q(root)}: ${u.error}`, { where: root });
  if (u.scheme === "") throw new MochiError("M074_VANITY_E007", `repo root ${q(root)} has no scheme`, { where: root });
  if (u.scheme === "file") throw new MochiError("M074_VANITY_E008", `repo root ${q(root)} uses the file scheme`, { where: root });
}

/** The schemes the go command may fetch each VCS over without GOINSECURE, in the order it tries them. */
export const vcsSecureSchemes: Readonly<Record<string, readonly string[]>> = {
  git: ["https", "git+ssh", "ssh"],
  hg: ["https", "ssh"],
  svn: ["https", "svn+ssh"],
  bzr: ["https", "bzr+ssh"],
  fossil: ["https"],
};

/**
 * Checks the tag matched for importPath as cmd/go does before using it: a
 * valid repo root and a known VCS (or "mod", whose repo root is a GOPROXY
 * base URL).
 */
export function checkGoImport(im: MetaImport, importPath: string): void {
  validateRepoRoot(im.repoRoot);
  if (im.vcs !== "mod" && !(im.vcs in vcsSecureSchemes)) {
    throw new MochiError("M074_VANITY_E009", `go-import tag for ${q(im.prefix)} names unknown vcs ${q(im.vcs)}`, { where: importPath });
  }
}

/**
 * When the matched prefix is shorter than the import path, cmd/go fetches
 * the prefix's own page and requires it to give the identical tag (so a page
 * cannot claim a root it does not control). rootImports are that page's tags.
 */
export function confirmGoImport(chosen: MetaImport, importPath: string, rootImports: readonly MetaImport[]): void {
  let again: MetaImport | undefined;
  try {
    again = matchGoImport(rootImports, importPath);
  } catch (e) {
    if (!(e instanceof MochiError)) throw e;
  }
  if (
    again === undefined ||
    again.prefix !== chosen.prefix ||
    again.vcs !== chosen.vcs ||
    again.repoRoot !== chosen.repoRoot ||
    again.subdir !== chosen.subdir
  ) {
    throw new MochiError("M074_VANITY_E010", `https://${importPath}?go-get=1 and https://${chosen.prefix}?go-get=1 disagree about go-import for ${chosen.prefix}`, {
      where: importPath,
    });
  }
}

/**
 * The discovery URLs for an import path: https://<host><path>?go-get=1 (the
 * path is "/" for a bare host), then plain http only when the path is
 * GOINSECURE. The first element must look like a host name.
 */
export function goGetUrls(importPath: string, insecure: boolean): string[] {
  const slash = importPath.indexOf("/");
  const host = slash < 0 ? importPath : importPath.slice(0, slash);
  const path = slash < 0 ? "/" : importPath.slice(slash);
  if (!host.includes(".")) throw new MochiError("M074_VANITY_E011", `import path ${q(importPath)} does not begin with a host name`, { where: importPath });
  const tail = `${host}${path}?go-get=1`;
  return insecure ? [`https://${tail}`, `http://${tail}`] : [`https://${tail}`];
}

/** A repository found from the import path alone. */
export interface StaticRepoRoot {
  /** The import path prefix that is the repository root. */
  readonly root: string;
  readonly vcs: string;
  /** The repository URL; undefined for a VCS-qualified path, where the secure schemes of vcs are tried in turn. */
  readonly repo: string | undefined;
}

const SEG = "[A-Za-z0-9_.\\-]+";
const KNOWN_HOSTS: readonly { readonly prefix: string; readonly re: RegExp; readonly vcs: string; readonly noVcsSuffix: boolean }[] = [
  { prefix: "github.com", re: new RegExp(`^(github\\.com/${SEG}/${SEG})(/${SEG})*$`), vcs: "git", noVcsSuffix: true },
  // Bitbucket has hosted only git since 2020; cmd/go still asks its API, which answers git.
  { prefix: "bitbucket.org", re: new RegExp(`^(bitbucket\\.org/${SEG}/${SEG})(/${SEG})*$`), vcs: "git", noVcsSuffix: true },
  { prefix: "hub.jazz.net/git", re: new RegExp(`^(hub\\.jazz\\.net/git/[a-z0-9]+/${SEG})(/${SEG})*$`), vcs: "git", noVcsSuffix: true },
  { prefix: "git.apache.org", re: new RegExp(`^(git\\.apache\\.org/[a-z0-9_.\\-]+\\.git)(/${SEG})*$`), vcs: "git", noVcsSuffix: false },
  { prefix: "git.openstack.org", re: new RegExp(`^(git\\.openstack\\.org/${SEG}/${SEG})(\\.git)?(/${SEG})*$`), vcs: "git", noVcsSuffix: false },
  { prefix: "chiselapp.com", re: /^(chiselapp\.com\/user\/[A-Za-z0-9]+\/repository\/[A-Za-z0-9_.-]+)$/, vcs: "fossil", noVcsSuffix: false },
];
// host[:port]/path.vcs[/more], matched with Go's leftmost-first preferences (a greedy element inside a lazy repetition).
const QUALIFIED = /^(([a-z0-9.-]+\.)+[a-z0-9.-]+(:[0-9]+)?(\/~?[A-Za-z0-9_.-]+)+?\.(bzr|fossil|git|hg|svn))(\/~?[A-Za-z0-9_.-]+)*$/;

/**
 * The repository of an import path that needs no ?go-get=1 lookup: a
 * well-known host (github.com/owner/repo, bitbucket.org, ...) or a path with
 * a VCS qualifier (example.com/repo.git/pkg). undefined means: discover it.
 * A path on a well-known host that does not have that host's form is an
 * error, as it is for the go command.
 */
export function staticRepoRoot(importPath: string): StaticRepoRoot | undefined {
  for (const host of KNOWN_HOSTS) {
    if (!hasPathPrefix(importPath, host.prefix)) continue;
    const m = host.re.exec(importPath);
    if (m === null) throw new MochiError("M074_VANITY_E012", `invalid ${host.prefix} import path ${q(importPath)}`, { where: importPath });
    const root = m[1]!;
    if (host.noVcsSuffix && /\.(bzr|fossil|git|hg|svn)$/.test(root)) {
      throw new MochiError("M074_VANITY_E013", `invalid version control suffix in ${host.prefix} path ${q(importPath)}`, { where: importPath });
    }
    return { root, vcs: host.vcs, repo: `https://${root}` };
  }
  const m = QUALIFIED.exec(importPath);
  return m === null ? undefined : { root: m[1]!, vcs: m[5]!, repo: undefined };
}
