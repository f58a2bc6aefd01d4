// The HTTP layer against a real local server: retries, backoff, timeouts,
// resets, redirects, size caps and the give-up error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpClient } from "../../host-node/src/http.js";

let server: Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url!;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    if (path === "/flaky") {
      if (n <= 2) res.writeHead(503).end("busy");
      else res.writeHead(200, { "content-type": "text/plain" }).end("ok after retries");
    } else if (path === "/always-500") {
      res.writeHead(500).end("internal trouble");
    } else if (path === "/reset") {
      if (n <= 1) req.socket.destroy();
      else res.writeHead(200).end("recovered");
    } else if (path === "/slow") {
      setTimeout(() => res.writeHead(200).end("late"), 1500);
    } else if (path === "/missing") {
      res.writeHead(404).end("not found");
    } else if (path === "/gone") {
      res.writeHead(410).end("gone");
    } else if (path === "/redirect") {
      res.writeHead(302, { location: "/target" }).end();
    } else if (path === "/target") {
      res.writeHead(200).end("redirected");
    } else if (path === "/big") {
      res.writeHead(200).end(Buffer.alloc(10_000, 1));
    } else res.writeHead(400).end("bad");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("HttpClient", () => {
  const client = new HttpClient({ attempts: 3, backoffMs: 10, timeoutMs: 500 });

  it("retries 5xx with backoff and succeeds", async () => {
    const res = await client.get(`${base}/flaky`, { maxBytes: 1000 });
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe("ok after retries");
    expect(hits.get("/flaky")).toBe(3);
  });

  it("retries a connection reset", async () => {
    const res = await client.get(`${base}/reset`, { maxBytes: 1000 });
    expect(text(res.body)).toBe("recovered");
  });

  it("gives up with the URL, the attempts and the last status", async () => {
    await expect(client.get(`${base}/always-500`, { maxBytes: 1000 })).rejects.toMatchObject({
      code: "M074_NET_E001",
      message: expect.stringMatching(/GET http:\/\/127\.0\.0\.1:\d+\/always-500 failed after 3 attempts; last: HTTP 500: internal trouble/),
    });
    expect(hits.get("/always-500")).toBe(3);
  });

  it("times out a server that does not answer", async () => {
    const started = performance.now();
    await expect(client.get(`${base}/slow`, { maxBytes: 1000 })).rejects.toMatchObject({
      code: "M074_NET_E001",
      message: expect.stringContaining("timed out"),
    });
    expect(performance.now() - started).toBeLessThan(3 * 1500);
  });

  it("returns 404 and 410 as answers without retrying", async () => {
    expect((await client.get(`${base}/missing`, { maxBytes: 1000 })).status).toBe(404);
    expect((await client.get(`${base}/gone`, { maxBytes: 1000 })).status).toBe(410);
    expect(hits.get("/missing")).toBe(1);
  });

  it("follows redirects", async () => {
    expect(text((await client.get(`${base}/redirect`, { maxBytes: 1000 })).body)).toBe("redirected");
  });

  it("refuses a body over the cap", async () => {
    await expect(client.get(`${base}/big`, { maxBytes: 9999 })).rejects.toMatchObject({ code: "M074_NET_E002" });
    expect((await client.get(`${base}/big`, { maxBytes: 10_000 })).body.length).toBe(10_000);
  });

  it("gives up on a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(client.get(`http://127.0.0.1:${port}/x`, { maxBytes: 10 })).rejects.toMatchObject({
      code: "M074_NET_E001",
      message: expect.stringContaining("ECONNREFUSED"),
    });
  });
});
