#!/usr/bin/env node
import { main } from "../dist/cli.js";

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  errStream: process.stderr,
});
process.exitCode = code;
