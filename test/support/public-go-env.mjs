// The go command's environment for ingesting the corpus from the public
// module proxy, shared by test/live/ingest-corpus.live.test.ts and
// bench/ingest.mjs (plain JS, so the benchmark, run by node, can import it):
// the user's module and build caches (a rerun is quick), proxy.golang.org
// checked against sum.golang.org, no workspace, cgo on. The build context
// itself (linux/amd64) is passed to the ingest.
import { execFileSync } from "node:child_process";

/** Process environment without the go command's variables. */
export function withoutGoVariables() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GO") && k !== "CGO_ENABLED"));
}

/** Throws when the go command is missing (callers check for it first). */
export function publicProxyGoEnv() {
  const goEnv = (name) => execFileSync("go", ["env", name], { encoding: "utf8" }).trim();
  return {
    ...withoutGoVariables(),
    GOMODCACHE: goEnv("GOMODCACHE"),
    GOCACHE: goEnv("GOCACHE"),
    GOPROXY: "https://proxy.golang.org",
    GOSUMDB: "sum.golang.org",
    GOFLAGS: "-modcacherw",
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    CGO_ENABLED: "1",
  };
}
