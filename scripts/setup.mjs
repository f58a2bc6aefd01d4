// Makes a fresh clone ready: installs the npm packages exactly as locked when
// node_modules is missing or older than package-lock.json. It uses
// `npm install`, not `npm ci`: jco's dependencies name optional platform
// binaries at versions that were never published (e.g.
// @bytecodealliance/jco-node-fs-win32-x64-msvc@0.3.2), which no lockfile can
// hold and `npm ci` then refuses. `npm install` follows the lock; if it had
// to change it, setup fails, because the committed lock is the truth. Both README
// commands run it first, so they work on a new machine; CI runs it through
// the README's test command. It then downloads the Go modules the ingest
// helper (host-node/go-ingest) builds with, so that the helper, built on
// first use, builds offline later, and installs Debian's chromium, which the
// browser tests (test/browser) drive, and the arm64 cross C compiler when they
// are missing, and
// the pinned Python package wasmtime, the core component's second host
// (examples/wasmtime-host). Idempotent and quick when nothing changed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules/.package-lock.json");

function run(cmd, args, cwd = root, env = process.env) {
  console.log(`setup: ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { cwd, env, stdio: "inherit" });
}

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  const digest = () => createHash("sha256").update(readFileSync(lock)).digest("hex");
  const before = digest();
  run("npm", ["install", "--no-audit", "--no-fund"]);
  if (digest() !== before) {
    console.error("setup: npm install changed package-lock.json; review and commit the new lock");
    process.exit(1);
  }
}

try {
  execFileSync("go", ["version"], { stdio: "ignore", env: { ...process.env, GOTOOLCHAIN: "local" } });
} catch {
  console.error(
    "setup: the go command is not on PATH; mochi-pkg needs Go 1.24 or newer to ingest Go modules: install it " +
      "(the archive from https://go.dev/dl/ unpacked into /usr/local/go, then PATH=/usr/local/go/bin:$PATH) and run setup again",
  );
  process.exit(1);
}
// `go mod download` with no arguments fetches exactly the modules go.sum pins; a no-op when they are in the module cache.
run("go", ["mod", "download"], join(root, "host-node/go-ingest"));

// The second host of the core component (examples/wasmtime-host) is Python with
// the wasmtime package, pinned here; pip is asked only when it is missing or
// another version.
const WASMTIME = "50.0.1";
const probe = (args) => {
  try {
    return execFileSync("python3", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
};
if (probe(["--version"]) === undefined) {
  console.error(
    "setup: python3 is not on PATH; the wasmtime host of the core component (examples/wasmtime-host) needs Python 3.9 or newer: " +
      "install it (e.g. apt-get install python3 python3-pip) and run setup again",
  );
  process.exit(1);
}
if (probe(["-c", "import importlib.metadata as m; print(m.version('wasmtime'))"]) !== WASMTIME) {
  try {
    run("python3", ["-m", "pip", "install", "--disable-pip-version-check", `wasmtime==${WASMTIME}`]);
  } catch {
    console.error(
      `setup: could not install the Python package wasmtime==${WASMTIME}; install it by hand (python3 -m pip install wasmtime==${WASMTIME}, ` +
        "in a virtual environment if the system Python is managed) and run setup again",
    );
    process.exit(1);
  }
}

/**
 * Installs a Debian package when the file it provides is missing; fails with
 * the command to run by hand when apt-get cannot. `apt-get update` runs once.
 */
let aptUpdated = false;
function aptProvide(file, pkg, why) {
  if (existsSync(file)) return;
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (!aptUpdated) run("apt-get", ["update"], root, env);
    aptUpdated = true;
    run("apt-get", ["install", "-y", pkg], root, env);
  } catch {
    // Reported below: the file is still missing.
  }
  if (!existsSync(file)) {
    console.error(
      `setup: ${file} is missing and apt-get could not install it; ${why} need Debian's ${pkg}: ` +
        `run \`apt-get update && apt-get install -y ${pkg}\` as root (or sudo), then run setup again`,
    );
    process.exit(1);
  }
}

// The browser tests launch this exact binary (playwright-core drives it; no browser download).
aptProvide("/usr/bin/chromium", "chromium", "the browser tests (test/browser)");
// sync --target linux/arm64 is tested with a real cross build and link.
aptProvide("/usr/bin/aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu", "the cross-target tests (test/e2e/sync.test.ts)");
