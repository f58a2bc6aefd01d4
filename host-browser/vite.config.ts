// The playground site (npm run build:playground -> host-browser/dist-site).
//
// It bundles the core from its TypeScript sources (as the tests run it), so
// the site does not depend on a fresh `tsc -b`; only the kernels' generated
// bindings and wasm come from core/dist/kernels (npm run build:kernels).
// Three small plugins:
//   corpus   every surface of fixtures/surfaces (index.json and
//            more-versions.json) as a gzipped asset named by its content hash,
//            and `virtual:corpus`, the catalogue the page lists; a page loads
//            only the surfaces it shows.
//   kernels  the hashing kernels' core wasm modules under kernels/.
//   offline  sw.js: the service worker with the list of files to precache:
//            the whole site, surfaces included (about 1.7 MB gzipped), so
//            every module can be previewed offline once the page has loaded.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = join(here, "..");
const surfacesDir = join(repo, "fixtures", "surfaces");
const kernelsDir = join(repo, "core", "dist", "kernels");

interface IndexEntry {
  readonly module: string;
  readonly version: string;
  readonly file: string;
  readonly bytes: number;
  readonly packages: number;
  readonly api_surface_sha256: string;
}

interface Asset {
  readonly fileName: string;
  readonly source: Uint8Array;
  readonly type: string;
}

const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");

function corpusAssets(): { catalogue: unknown[]; assets: Asset[] } {
  const listed = ["index.json", "more-versions.json"].flatMap(
    (name) => (JSON.parse(readFileSync(join(surfacesDir, name), "utf8")) as { surfaces: IndexEntry[] }).surfaces,
  );
  const catalogue: unknown[] = [];
  const assets: Asset[] = [];
  for (const e of listed) {
    const json = readFileSync(join(surfacesDir, e.file));
    if (json.length !== e.bytes) throw new Error(`fixtures/surfaces/${e.file} has ${json.length} bytes, its index says ${e.bytes}`);
    const gz = gzipSync(json, { level: 9 });
    const fileName = `surfaces/${e.file.replace(/\.json$/, "")}.${sha256(gz).slice(0, 10)}.json.gz`;
    assets.push({ fileName, source: gz, type: "application/gzip" });
    catalogue.push({
      module: e.module,
      version: e.version,
      url: fileName,
      bytes: e.bytes,
      gzBytes: gz.length,
      packages: e.packages,
      apiSurfaceSha256: e.api_surface_sha256,
    });
  }
  return { catalogue, assets };
}

function kernelAssets(): Asset[] {
  if (!existsSync(join(kernelsDir, "hashing.js"))) throw new Error("core/dist/kernels is missing: run npm run build:kernels first");
  return readdirSync(kernelsDir)
    .filter((n) => /^hashing\.core\d*\.wasm$/.test(n))
    .sort()
    .map((n) => ({ fileName: `kernels/${n}`, source: readFileSync(join(kernelsDir, n)), type: "application/wasm" }));
}

/** Emits `assets` into the build and serves them from memory in `vite dev`. */
function assetsPlugin(name: string, make: () => Asset[], virtual?: () => string): Plugin {
  let assets: Asset[] | undefined;
  const all = (): Asset[] => (assets ??= make());
  const id = `virtual:${name}`;
  return {
    name: `playground-${name}`,
    resolveId: (source) => (virtual !== undefined && source === id ? `\0${id}` : undefined),
    load: (loaded) => (virtual !== undefined && loaded === `\0${id}` ? virtual() : undefined),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? "").split("?")[0]!).replace(/^\//, "");
        const a = all().find((x) => x.fileName === path);
        if (a === undefined) return next();
        res.setHeader("content-type", a.type);
        res.end(a.source);
      });
    },
    generateBundle() {
      for (const a of all()) this.emitFile({ type: "asset", fileName: a.fileName, source: a.source });
    },
  };
}

function corpusPlugin(): Plugin {
  let made: ReturnType<typeof corpusAssets> | undefined;
  const get = (): ReturnType<typeof corpusAssets> => (made ??= corpusAssets());
  return assetsPlugin("corpus", () => get().assets, () => `export default ${JSON.stringify(get().catalogue)};`);
}

function offlinePlugin(): Plugin {
  return {
    name: "playground-offline",
    enforce: "post",
    apply: "build",
    generateBundle(_, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith(".map") && !f.endsWith(".html"))
        .sort();
      const h = createHash("sha256");
      for (const f of files) {
        const out = bundle[f]!;
        h.update(f).update(out.type === "chunk" ? out.code : out.source);
      }
      const version = h.digest("hex").slice(0, 16);
      const source = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(["./", ...files])};\n\n${readFileSync(join(here, "playground", "sw.js"), "utf8")}`;
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}

const core = (path: string): string => join(repo, "core", "src", path);

export default defineConfig({
  root: here,
  base: "./",
  publicDir: false,
  resolve: {
    alias: [
      { find: /^@mochi-pkg\/core$/, replacement: core("index.ts") },
      { find: /^@mochi-pkg\/core\/kernels$/, replacement: join(kernelsDir, "hashing.js") },
      { find: /^@mochi-pkg\/core\/(bridge|go)$/, replacement: core("$1/index.ts") },
    ],
  },
  plugins: [corpusPlugin(), assetsPlugin("kernels", kernelAssets), offlinePlugin()],
  worker: { format: "es" },
  build: {
    outDir: "dist-site",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
});
