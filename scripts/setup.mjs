// Makes a fresh clone ready: installs the npm packages exactly as locked when
// node_modules is missing or older than package-lock.json. Both README
// commands run it first, so they work on a new machine; CI runs it through
// the README's test command. Idempotent and quick when nothing changed.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules/.package-lock.json");

function run(cmd, args) {
  console.log(`setup: ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
}

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}
