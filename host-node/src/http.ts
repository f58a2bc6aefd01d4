// HTTP GET for the GOPROXY and checksum-database clients, on undici: bounded
// retries with exponential backoff on 5xx, 429 and connection failures
// (resets, refused, timeouts), a size cap read while streaming, and an error
// naming the URL, the status and the attempts when it gives up. 404 and 410
// are answers, not failures: the GOPROXY fallback logic needs to see them.

import { Agent, interceptors, request, errors as undiciErrors, type Dispatcher } from "undici";
import { MochiError } from "@mochi-pkg/core";

export interface HttpOptions {
  /** Attempts in all, including the first (default 4). */
  readonly attempts?: number;
  /** First backoff delay in ms, doubled each retry, with jitter (default 250). */
  readonly backoffMs?: number;
  /** Time allowed for the response headers, and between body chunks, in ms (default 30 s). */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
}

export interface HttpGetOptions {
  /** Bodies larger than this are refused (M074_NET_E002). */
  readonly maxBytes: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Statuses worth another attempt: the server or a middlebox may recover. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

function describe(e: unknown): string {
  if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError) return "timed out";
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  return code ? `${code}: ${message}` : message;
}

export class HttpClient {
  readonly #agent: Agent;
  readonly #dispatcher: Dispatcher;
  readonly #attempts: number;
  readonly #backoffMs: number;

  constructor(options: HttpOptions = {}) {
    const timeout = options.timeoutMs ?? 30_000;
    this.#agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout });
    this.#dispatcher = this.#agent.compose(interceptors.redirect({ maxRedirections: 10 }));
    this.#attempts = Math.max(1, options.attempts ?? 4);
    this.#backoffMs = options.backoffMs ?? 250;
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  /**
   * GETs `url`, following redirects. Returns any final status below 500
   * (callers decide what 404 means); retries 5xx, 429, 408 and network
   * failures; throws M074_NET_E001 when the attempts run out.
   */
  async get(url: string, options: HttpGetOptions): Promise<HttpResponse> {
    let last = "";
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) await this.#sleep(attempt - 1);
      try {
        const res = await request(url, {
          method: "GET",
          dispatcher: this.#dispatcher,
          headers: { "user-agent": "mochi-pkg", ...options.headers },
        });
        if (retryable(res.statusCode)) {
          const text = await this.#readCapped(res.body, 4096, url).catch(() => new Uint8Array());
          last = `HTTP ${res.statusCode}${text.length ? `: ${new TextDecoder().decode(text).trim().slice(0, 200)}` : ""}`;
          continue;
        }
        const body = await this.#readCapped(res.body, options.maxBytes, url);
        const ct = res.headers["content-type"];
        return { url, status: res.statusCode, body, contentType: Array.isArray(ct) ? ct[0] : ct };
      } catch (e) {
        if (e instanceof MochiError) throw e;
        last = describe(e);
      }
    }
    throw new MochiError("M074_NET_E001", `GET ${url} failed after ${this.#attempts} attempts; last: ${last}`, { where: url });
  }

  async #readCapped(body: AsyncIterable<Uint8Array> & { destroy?: () => void }, maxBytes: number, url: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy?.();
        throw new MochiError("M074_NET_E002", `response from ${url} exceeds ${maxBytes} bytes`, { where: url });
      }
      chunks.push(chunk);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  #sleep(retry: number): Promise<void> {
    const base = this.#backoffMs * 2 ** (retry - 1);
    const ms = base / 2 + Math.random() * (base / 2);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
