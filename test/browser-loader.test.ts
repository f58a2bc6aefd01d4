// The browser package loads the same kernel files over HTTP (fetch +
// WebAssembly.compile), here from a real local server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { browserHashing } from "../host-browser/src/kernels.js";
import { kernelsDir, nodeHashing } from "../host-node/src/kernels.js";
import { hex } from "./vectors.js";

let server: Server;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  const dir = kernelsDir();
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, "http://x").pathname)).replace(/^\/+/, "");
    served.push(path);
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { "content-type": path.endsWith(".wasm") ? "application/wasm" : "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kernels/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("browser kernels loader", () => {
  it("fetches the component's core modules and hashes like the Node host", async () => {
    const browser = await browserHashing(base.replace(/\/kernels\/$/, "/"));
    const node = await nodeHashing();
    expect(served.filter((p) => p.endsWith(".wasm")).sort()).toEqual(["hashing.core.wasm", "hashing.core2.wasm", "hashing.core3.wasm"]);
    const data = new TextEncoder().encode("mochi-pkg in the browser");
    for (const alg of ["sha256", "blake3"] as const) {
      expect(hex(browser.digest(alg, data))).toBe(hex(node.digest(alg, data)));
    }
  });

  it("says which file failed when the server lacks it", async () => {
    await expect(browserHashing(base)).rejects.toThrow(/HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/kernels\/hashing\.core\d*\.wasm/);
  });
});
