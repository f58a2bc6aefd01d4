// The GOPROXY client: list, .info, .mod, .zip and @latest over the proxies
// GOPROXY names, with the go command's fallback rules (core tryProxies: ","
// falls through on 404/410, "|" on any error; "off" fails). http(s) entries
// go through HttpClient (retries, timeouts); file:// entries read a
// directory laid out like the proxy URL space. "direct" (fetching from the
// VCS) is not implemented and says so, naming what routed the module there.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { MochiError, isMochiError, utf8DecodeStrict } from "@mochi-pkg/core";
import {
  MAX_GO_MOD,
  MAX_ZIP_DOWNLOAD,
  listVersions,
  noProxyFor,
  parseInfo,
  proxiesFor,
  proxyStatusKind,
  proxyUrls,
  tryProxies,
  type GoEnv,
  type ProxyEntry,
  type RevInfo,
} from "@mochi-pkg/core/go";
import type { HttpClient } from "./http.js";

/** .info, @latest and list bodies are small JSON or text; cap them generously. */
const MAX_METADATA = 1 << 20;

const notFound = (e: unknown): boolean => isMochiError(e, "M074_PROXY_E002");

export class GoProxyClient {
  readonly #env: GoEnv;
  readonly #http: HttpClient;

  constructor(env: GoEnv, http: HttpClient) {
    this.#env = env;
    this.#http = http;
  }

  /** The tagged versions the proxies know (pseudo-versions left out), sorted. */
  async list(module: string): Promise<string[]> {
    const body = await this.#get(module, (base) => proxyUrls(base, module).list, MAX_METADATA);
    return listVersions(text(body, module));
  }

  /** @latest: the proxy's idea of the latest version, when no version is tagged. undefined if no proxy has one. */
  async latest(module: string): Promise<RevInfo | undefined> {
    try {
      const body = await this.#get(module, (base) => proxyUrls(base, module).latest, MAX_METADATA);
      return parseInfo(text(body, module), { where: `${module}@latest` });
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  async info(module: string, version: string): Promise<{ info: RevInfo; bytes: Uint8Array }> {
    const bytes = await this.#get(module, (base) => proxyUrls(base, module, version).info, MAX_METADATA);
    const info = parseInfo(text(bytes, `${module}@${version}.info`), { where: `${module}@${version}.info`, module, requested: version });
    return { info, bytes };
  }

  async mod(module: string, version: string): Promise<Uint8Array> {
    return this.#get(module, (base) => proxyUrls(base, module, version).mod, MAX_GO_MOD);
  }

  async zip(module: string, version: string): Promise<Uint8Array> {
    return this.#get(module, (base) => proxyUrls(base, module, version).zip, MAX_ZIP_DOWNLOAD);
  }

  async #get(module: string, urlFor: (base: string) => string, maxBytes: number): Promise<Uint8Array> {
    const entries = proxiesFor(this.#env, module);
    return tryProxies(entries, (entry) => this.#fetch(entry, module, urlFor, maxBytes), notFound);
  }

  async #fetch(entry: ProxyEntry, module: string, urlFor: (base: string) => string, maxBytes: number): Promise<Uint8Array> {
    if (entry.url === "direct") {
      const why = noProxyFor(this.#env, module)
        ? `${module} matches GONOPROXY/GOPRIVATE (${JSON.stringify(this.#env.gonoproxy)}), which sends it to its version control system`
        : `GOPROXY=${JSON.stringify(this.#env.goproxy)} reached "direct" for ${module}`;
      throw new MochiError("M074_PROXY_E001", `${why}; mochi-pkg fetches modules through a module proxy only`, {
        where: module,
        hint: "serve the module from a GOPROXY (Athens, a file:// directory, `mochi-pkg serve --fixtures`) and list it in GOPROXY before direct",
      });
    }
    const url = urlFor(entry.url);
    if (url.startsWith("file:")) return readFileProxy(url, maxBytes);
    const res = await this.#http.get(url, { maxBytes });
    const kind = proxyStatusKind(res.status);
    if (kind === "ok") return res.body;
    const body = new TextDecoder().decode(res.body.subarray(0, 500)).trim();
    if (kind === "not-found") {
      throw new MochiError("M074_PROXY_E002", `${url}: ${res.status} ${body || "not found"}`);
    }
    throw new MochiError("M074_PROXY_E003", `${url}: HTTP ${res.status}${body ? `: ${body}` : ""}`);
  }
}

async function readFileProxy(url: string, maxBytes: number): Promise<Uint8Array> {
  const path = fileURLToPath(url);
  try {
    const bytes = new Uint8Array(await readFile(path));
    if (bytes.length > maxBytes) {
      throw new MochiError("M074_NET_E002", `${url} is larger than ${maxBytes} bytes`, { where: url });
    }
    return bytes;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new MochiError("M074_PROXY_E002", `${url}: not found`);
    }
    throw e;
  }
}

function text(bytes: Uint8Array, where: string): string {
  const s = utf8DecodeStrict(bytes);
  if (s === undefined) throw new MochiError("M074_PROXY_E004", "the proxy's response is not UTF-8 text", { where });
  return s;
}
