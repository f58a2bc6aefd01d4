// GOPROXY semantics of the host client against real local servers: ","
// falls through only on 404/410, "|" on any error, "off" fails, "direct" is
// refused with a reason, file:// proxies are read from disk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import { goEnvFromRecord } from "@mochi-pkg/core/go";
import { GoProxyClient } from "../../host-node/src/goproxy-client.js";
import { HttpClient } from "../../host-node/src/http.js";

type Handler = (path: string) => [number, string];
const servers: Server[] = [];
const seen: string[] = [];

async function serve(name: string, handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    seen.push(`${name} ${req.url}`);
    const [status, body] = handler(req.url!);
    res.writeHead(status, { "content-type": "text/plain" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let missing: string, broken: string, good: string, fileProxy: string;
const http = new HttpClient({ attempts: 2, backoffMs: 5, timeoutMs: 2000 });

beforeAll(async () => {
  missing = await serve("missing", () => [404, "not found: no such module"]);
  broken = await serve("broken", () => [500, "database on fire"]);
  good = await serve("good", (path) => {
    if (path === "/example.com/!big!corp/@v/list") return [200, "v1.0.0\nv1.1.0\nv0.0.0-20260101000000-abcdefabcdef\nnot-a-version\n"];
    if (path === "/example.com/!big!corp/@v/v1.1.0.info") return [200, '{"Version":"v1.1.0","Time":"2026-01-01T00:00:00Z"}'];
    if (path === "/example.com/liar/@v/v1.0.0.info") return [200, '{"Version":"v1.0.1"}'];
    return [404, "unknown"];
  });
  const dir = mkdtempSync(join(tmpdir(), "mochi-fileproxy-"));
  mkdirSync(join(dir, "example.com/onlyfile/@v"), { recursive: true });
  writeFileSync(join(dir, "example.com/onlyfile/@v/list"), "v0.3.0\n");
  fileProxy = pathToFileURL(dir).href;
});
afterAll(async () => {
  await http.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const client = (env: Record<string, string>) => new GoProxyClient(goEnvFromRecord(env), http);

describe("GoProxyClient", () => {
  it("falls through a 404 after a comma, escaping upper case with !", async () => {
    seen.length = 0;
    const versions = await client({ GOPROXY: `${missing},${good}` }).list("example.com/BigCorp");
    expect(versions).toEqual(["v1.0.0", "v1.1.0"]); // pseudo-versions and junk left out
    expect(seen).toEqual(["missing /example.com/!big!corp/@v/list", "good /example.com/!big!corp/@v/list"]);
  });

  it("retries a server error, then stops there after a comma, naming URL and status", async () => {
    seen.length = 0;
    await expect(client({ GOPROXY: `${broken},${good}` }).list("example.com/BigCorp")).rejects.toMatchObject({
      code: "M074_NET_E001",
      message: expect.stringMatching(/\/example\.com\/!big!corp\/@v\/list failed after 2 attempts; last: HTTP 500: database on fire/),
    });
    expect(seen).toEqual(["broken /example.com/!big!corp/@v/list", "broken /example.com/!big!corp/@v/list"]);
  });

  it("stops at another 4xx after a comma", async () => {
    const forbidden = await serve("forbidden", () => [403, "private"]);
    await expect(client({ GOPROXY: `${forbidden},${good}` }).list("example.com/BigCorp")).rejects.toMatchObject({
      code: "M074_PROXY_E003",
      message: expect.stringMatching(/@v\/list: HTTP 403: private/),
    });
  });

  it("falls through any error after a pipe", async () => {
    const { info } = await client({ GOPROXY: `${broken}|${good}` }).info("example.com/BigCorp", "v1.1.0");
    expect(info).toEqual({ version: "v1.1.0", time: "2026-01-01T00:00:00Z" });
  });

  it("reports not-found when every proxy lacks the module", async () => {
    await expect(client({ GOPROXY: `${missing},${good}` }).mod("example.com/nope", "v1.0.0")).rejects.toMatchObject({ code: "M074_PROXY_E002" });
  });

  it("refuses a proxy that answers for another version", async () => {
    await expect(client({ GOPROXY: good }).info("example.com/liar", "v1.0.0")).rejects.toMatchObject({ code: "M074_GOPROXY_E005" });
  });

  it("fails on off", async () => {
    await expect(client({ GOPROXY: "off" }).list("example.com/x")).rejects.toMatchObject({ code: "M074_GOPROXY_E008" });
  });

  it("refuses direct with the reason, from GOPROXY or from GOPRIVATE", async () => {
    await expect(client({ GOPROXY: `${missing},direct` }).list("example.com/x")).rejects.toMatchObject({
      code: "M074_PROXY_E001",
      message: expect.stringContaining('reached "direct" for example.com/x'),
    });
    await expect(client({ GOPROXY: good, GOPRIVATE: "example.com/private" }).list("example.com/private/lib")).rejects.toMatchObject({
      code: "M074_PROXY_E001",
      message: expect.stringContaining("matches GONOPROXY/GOPRIVATE"),
    });
    // A module outside GOPRIVATE still goes to the proxy.
    expect(await client({ GOPROXY: good, GOPRIVATE: "example.com/private" }).list("example.com/BigCorp")).toHaveLength(2);
  });

  it("reads a file:// proxy, where a missing file is not-found", async () => {
    expect(await client({ GOPROXY: fileProxy }).list("example.com/onlyfile")).toEqual(["v0.3.0"]);
    expect(await client({ GOPROXY: `${fileProxy},${good}` }).list("example.com/BigCorp")).toEqual(["v1.0.0", "v1.1.0"]);
  });
});
