// The one registry of mochi-pkg error codes. Every code a user can see is
// listed here with what went wrong and what to do; a test checks that codes
// are unique and that every code used in the sources is registered.
//
// Codes: M057_<CAT>_E<NNN> for the package-system codes of the MEP-57 specs,
// M074_<CAT>_E<NNN> for the Go bridge. Each category is owned by one module.

export interface ErrorSpec {
  readonly code: string;
  /** What went wrong, in general terms. */
  readonly summary: string;
  /** What the user should do about it. */
  readonly hint: string;
}

export const ERROR_REGISTRY = [
  // core/src/hashing.ts (mirrors enum hash-error in wit/hashing.wit)
  {
    code: "M074_HASH_E001",
    summary: "a hasher was used after it finished",
    hint: "create a new hasher for each input; finish() may be called once",
  },
  {
    code: "M074_HASH_E002",
    summary: "hashing input is not a byte array",
    hint: "pass a Uint8Array (a Node Buffer is one); encode strings with TextEncoder first",
  },
  {
    code: "M074_HASH_E003",
    summary: "an RFC 6962 node hash needs two 32-byte child hashes",
    hint: "pass the 32-byte SHA-256 hashes of the left and right subtrees",
  },
  {
    code: "M074_HASH_E004",
    summary: "unknown hash algorithm",
    hint: "use one of: sha256, blake3",
  },
  // host-node/src/http.ts (M074_NET_*)
  {
    code: "M074_NET_E001",
    summary: "an HTTP request kept failing",
    hint: "check the URL and your network or proxy settings; the server may be down, retry later",
  },
  {
    code: "M074_NET_E002",
    summary: "an HTTP response was larger than allowed",
    hint: "the server sent more than a module zip, go.mod or tile may be; check that GOPROXY/GOSUMDB point at a real proxy",
  },
  // end host-node/src/http.ts
  // host-node/src/fixture-registry.ts (M074_FIXTURE_*)
  {
    code: "M074_FIXTURE_E001",
    summary: "the fixture listing modules.json is missing or malformed",
    hint: "fixtures/modules/modules.json must be JSON with a \"modules\" array of {path, version, time} strings",
  },
  {
    code: "M074_FIXTURE_E002",
    summary: "a module version is listed twice in the fixture listing",
    hint: "list each module version once in fixtures/modules/modules.json",
  },
  {
    code: "M074_FIXTURE_E003",
    summary: "a fixture module version's time is not an RFC 3339 time",
    hint: "write the time as .info reports it, e.g. 2026-01-05T10:00:00Z",
  },
  {
    code: "M074_FIXTURE_E004",
    summary: "the files of a listed fixture module version are missing",
    hint: "put the version's files in fixtures/modules/<path>/@v/<version>/ or remove it from modules.json",
  },
  {
    code: "M074_FIXTURE_E005",
    summary: "the fixture signer key does not belong to the fixture verifier key",
    hint: "regenerate fixtures/sumdb/fixture.skey and fixture.vkey together as fixtures/sumdb/README.md says",
  },
  {
    code: "M074_FIXTURE_E006",
    summary: "the fixture registry could not listen on its address",
    hint: "choose another port (--port N), or 0 to let the system pick a free one",
  },
  {
    code: "M074_FIXTURE_E007",
    summary: "a tamper option names no fixture module version with a file to alter",
    hint: "name a listed version as <path>@<version> (tests only)",
  },
  {
    code: "M074_FIXTURE_E008",
    summary: "a forked tree head was asked for at a size the log does not have",
    hint: "fork at a size from 1 to the log's size (tests only)",
  },
  // end host-node/src/fixture-registry.ts
  // core/src/go/query.ts (M074_QUERY_*)
  {
    code: "M074_QUERY_E001",
    summary: "a version query that cannot be resolved through a module proxy",
    hint: "name a tagged version, a prefix such as v1 or v1.2, a comparison such as >=v1.2.0, or latest",
  },
  {
    code: "M074_QUERY_E002",
    summary: "a version in a query is not a valid or canonical semantic version",
    hint: "write versions as vMAJOR.MINOR.PATCH, e.g. v1.6.0",
  },
  {
    code: "M074_QUERY_E003",
    summary: "no version of the module matches the query",
    hint: "list the module's versions with `go list -m -versions <module>` and pick one that exists",
  },
  // end core/src/go/query.ts
  // core/src/go/mvs.ts (M074_MVS_*)
  {
    code: "M074_MVS_E001",
    summary: "a dependency's go.mod declares a different module path than the one required",
    hint: "the module path in the dependency's go.mod must match the path it is required by; check replace directives",
  },
  {
    code: "M074_MVS_E002",
    summary: "a go.mod file is not valid UTF-8",
    hint: "go.mod files are UTF-8 text; fix the file (for a replacement directory) or report the module",
  },
  // end core/src/go/mvs.ts
  // host-node/src/goproxy-client.ts (M074_PROXY_*)
  {
    code: "M074_PROXY_E001",
    summary: "the module would have to be fetched directly from version control",
    hint: "serve the module from a module proxy (Athens, a file:// directory, `mochi-pkg serve --fixtures`) and list it in GOPROXY before direct",
  },
  {
    code: "M074_PROXY_E002",
    summary: "no module proxy has this module or version (404/410)",
    hint: "check the module path and version; for a private module set GOPROXY to a proxy that serves it",
  },
  {
    code: "M074_PROXY_E003",
    summary: "a module proxy answered with an error",
    hint: "the proxy may be down or refusing the request; retry later, or add a fallback with '|' in GOPROXY",
  },
  {
    code: "M074_PROXY_E004",
    summary: "a module proxy's list or info response is not UTF-8 text",
    hint: "check that GOPROXY points at a module proxy",
  },
  {
    code: "M074_PROXY_E005",
    summary: "a module proxy answered for a different version than the one requested",
    hint: "the proxy is misbehaving; try another GOPROXY",
  },
  // end host-node/src/goproxy-client.ts
  // host-node/src/go-modules.ts (M074_VERIFY_*)
  {
    code: "M074_VERIFY_E001",
    summary: "downloaded module bytes do not match the checksum database",
    hint: "nothing was written to the cache; the proxy served different bytes than the ones the checksum database vouches for. Use another GOPROXY and report the proxy",
  },
  // end host-node/src/go-modules.ts
  // host-node/src/project.ts (M074_PROJECT_*)
  {
    code: "M074_PROJECT_E001",
    summary: "no mochi.toml in the directory or above it",
    hint: "run the command inside a Mochi project, or create mochi.toml with a [package] table",
  },
  {
    code: "M074_PROJECT_E002",
    summary: "a source file's imports have errors",
    hint: "fix the imports shown; each diagnostic names its code and what to do",
  },
  {
    code: "M074_PROJECT_E003",
    summary: "one Go module is imported at two different versions",
    hint: "only one version of a module can be linked into a program: use the same version in every import, or pin it in [go-dependencies]",
  },
  {
    code: "M074_PROJECT_E004",
    summary: "a Go import's version cannot be resolved through a module proxy",
    hint: "use a tagged version, a query such as latest or v1, or a range such as ^v1.2; git+ and path+ sources go in [go-dependencies] with path or replace",
  },
  {
    code: "M074_PROJECT_E005",
    summary: "two Go modules are imported under the same alias",
    hint: "give one of them another alias with `as <alias>`",
  },
  {
    code: "M074_PROJECT_E006",
    summary: "the project depends on Mochi packages but no package registry is configured",
    hint: "set MOCHI_REGISTRY to the registry's URL (mochi-pkg serve --fixtures prints the fixture registry's)",
  },
  {
    code: "M074_PROJECT_E007",
    summary: "a workspace member directory has no mochi.toml",
    hint: "add the member's mochi.toml, or remove the directory from [workspace] members (or list it in exclude)",
  },
  // end host-node/src/project.ts
  // host-node/src/target.ts (M074_TARGET_*)
  {
    code: "M074_TARGET_E001",
    summary: "a build target is not written <goos>/<goarch>",
    hint: "write the target as <goos>/<goarch>, e.g. linux/arm64 (go tool dist list shows them all)",
  },
  {
    code: "M074_TARGET_E002",
    summary: "the target has no cgo, so no C archive can be built for it",
    hint: "build for a native target; WebAssembly hosts embed the portable core component instead",
  },
  {
    code: "M074_TARGET_E003",
    summary: "there is no C compiler for the target",
    hint: "install a cross C compiler for the target, or set CC to one",
  },
  // end host-node/src/target.ts
  // core/src/manifest/ (M057_MANIFEST_*)
  {
    code: "M057_MANIFEST_E001",
    summary: "mochi.toml is not valid TOML (or not UTF-8)",
    hint: "fix the TOML syntax at the line and column shown; a TOML-aware editor helps",
  },
  {
    code: "M057_MANIFEST_E002",
    summary: "unknown top-level key in mochi.toml",
    hint: "the top level holds only [package], [dependencies], [features], [workspace], [go-dependencies], [go] and [targets.*]; see docs/manifest.md",
  },
  {
    code: "M057_MANIFEST_E003",
    summary: "a required [package] field (or the [package] table itself) is missing",
    hint: "write [package] with name and version; a workspace root without [package] may hold only [workspace]",
  },
  {
    code: "M057_MANIFEST_E004",
    summary: "a dependency version requirement is not valid",
    hint: "write a requirement such as ^1.2, ~1.2.3, >=1.0, <2.0, =1.4.0, 1.* or *; comparators may be joined with commas",
  },
  {
    code: "M057_MANIFEST_E005",
    summary: "a license is not a valid SPDX license expression",
    hint: "write an SPDX expression such as MIT, Apache-2.0 OR MIT, or LicenseRef-Custom; operators AND, OR, WITH are upper case",
  },
  {
    code: "M057_MANIFEST_E006",
    summary: "a feature has the same name as a dependency",
    hint: "rename the feature; enable an optional dependency from another feature with \"dep:<name>\"",
  },
  {
    code: "M057_MANIFEST_E007",
    summary: "unknown Mochi edition",
    hint: "use one of the editions listed in docs/manifest.md (currently \"2026\"), or leave edition out",
  },
  {
    code: "M057_MANIFEST_E008",
    summary: "a value inherits from the workspace, but the workspace does not define it",
    hint: "define the key in the root's [workspace.package], [workspace.dependencies] or [workspace.go-dependencies], or write the value in the member",
  },
  {
    code: "M057_MANIFEST_E009",
    summary: "workspace inheritance cycle: a [workspace.*] table inherits from the workspace itself",
    hint: "write the value itself in [workspace.package] / [workspace.dependencies] / [workspace.go-dependencies]; only members inherit",
  },
  {
    code: "M057_MANIFEST_E010",
    summary: "a capability is not in the closed capability set",
    hint: "[package] capabilities: clock, env, ffi, fs.read, fs.write, net.dial, net.listen, proc.spawn, random; [go.capabilities] keys: cgo, fs, net, proc, unsafe",
  },
  {
    code: "M057_MANIFEST_E011",
    summary: "unknown target",
    hint: "targets are beam, c, dotnet, jvm, kotlin, python, rust, swift, typescript",
  },
  {
    code: "M057_MANIFEST_E012",
    summary: "[targets.<t>] configures a target the package does not build",
    hint: "add the target to [package] targets, or remove its [targets.<t>] table",
  },
  {
    code: "M057_MANIFEST_E013",
    summary: "a manifest value has the wrong type",
    hint: "write the value with the type docs/manifest.md gives for the key (string, boolean, integer, array, table)",
  },
  {
    code: "M057_MANIFEST_E014",
    summary: "unknown key in a manifest table",
    hint: "check the spelling against the keys listed in the message and in docs/manifest.md",
  },
  {
    code: "M057_MANIFEST_E015",
    summary: "invalid package name",
    hint: "write name or @scope/name: lower case letters, digits, - and _, starting with a letter or digit, each part at most 64 characters",
  },
  {
    code: "M057_MANIFEST_E016",
    summary: "a package version is not a semantic version",
    hint: "write MAJOR.MINOR.PATCH with an optional -prerelease and +build, e.g. 1.2.0 or 2.0.0-rc.1",
  },
  {
    code: "M057_MANIFEST_E017",
    summary: "invalid Go module path",
    hint: "write the module path as go.mod's module line does, e.g. github.com/google/uuid (the first element needs a dot)",
  },
  {
    code: "M057_MANIFEST_E018",
    summary: "invalid Go version requirement in [go-dependencies]",
    hint: "write v1.8.0 (a minimum), ^v1.8.0 or ~v1.8.0 (with a ceiling), =v1.8.0 (a pin), or a query: latest, v1, v1.2, >=v1.2.0",
  },
  {
    code: "M057_MANIFEST_E019",
    summary: "a dependency has no source, several sources, or git refs without git",
    hint: "give exactly one of version, path, git or workspace = true, and at most one of rev, tag, branch (with git only)",
  },
  {
    code: "M057_MANIFEST_E020",
    summary: "invalid Go build tag",
    hint: "a build tag holds only letters, digits, _ and . (e.g. json_logging, go1.21)",
  },
  {
    code: "M057_MANIFEST_E021",
    summary: "invalid Go release version",
    hint: "write a Go release as go.mod's go line does: 1.21, 1.22.3 or 1.23rc1",
  },
  {
    code: "M057_MANIFEST_E022",
    summary: "an integer setting is out of range",
    hint: "goroutine-bridge default-buffer is 0..65536 and max-handles 1..16777216",
  },
  {
    code: "M057_MANIFEST_E023",
    summary: "invalid [go] monomorphise entry",
    hint: "write { item = \"<import path>.<Func>\" or \"<import path>.<Type>.<Method>\", type-args = [\"T1\", ...] }, each instantiation once",
  },
  {
    code: "M057_MANIFEST_E024",
    summary: "a required key is missing from a manifest table",
    hint: "add the key named in the message (e.g. canonical-import-path in [go.publish], repo in [go.publish.vanity])",
  },
  {
    code: "M057_MANIFEST_E025",
    summary: "invalid module path pattern in [go.private]",
    hint: "write one GOPRIVATE-style glob per array element, e.g. \"*.corp.example.com\" or \"github.com/acme/*\"",
  },
  {
    code: "M057_MANIFEST_E026",
    summary: "invalid workspace member pattern",
    hint: "write members and exclude as relative paths with / inside the workspace root, globs allowed (packages/*); no .. and no absolute paths",
  },
  {
    code: "M057_MANIFEST_E027",
    summary: "a value is not one of the values the key allows",
    hint: "use one of the values listed in the message",
  },
  {
    code: "M057_MANIFEST_E028",
    summary: "[go.publish.vanity] root does not cover the canonical import path",
    hint: "set root to the canonical-import-path or a /-prefix of it, or leave it out",
  },
  {
    code: "M057_MANIFEST_E029",
    summary: "a URL is not valid",
    hint: "write an http(s) URL for repository and homepage, an https URL for vanity repo, and https://, ssh://, git://, file:// or user@host:path for git",
  },
  {
    code: "M057_MANIFEST_E030",
    summary: "invalid replace in [go-dependencies]",
    hint: "replace with a local directory (./x, ../x, /abs) or with <module>@<canonical version>",
  },
  {
    code: "M057_MANIFEST_E031",
    summary: "a feature enables a name that is neither a feature nor an optional dependency",
    hint: "list features defined in [features], or \"dep:<name>\" for a dependency marked optional = true",
  },
  {
    code: "M057_MANIFEST_E032",
    summary: "invalid relative path",
    hint: "write paths relative to the manifest with /, without empty segments; paths inside the package may not use ..",
  },
  {
    code: "M057_MANIFEST_E033",
    summary: "invalid git rev, tag or branch",
    hint: "rev is a commit id of 7 to 64 hex digits; tag and branch are git ref names (no spaces, no .., not starting with -)",
  },
  {
    code: "M057_MANIFEST_E034",
    summary: "invalid feature name",
    hint: "feature names use lower case letters, digits, -, _ and ., starting with a letter or digit",
  },
  // end core/src/manifest/
  // core/src/lockfile/ (M057_LOCK_*)
  {
    code: "M057_LOCK_E001",
    summary: "the lockfile is stale: the manifest changed since it was locked",
    hint: "run `mochi-pkg lock` to re-lock, and commit mochi.lock with the manifest change",
  },
  {
    code: "M057_LOCK_E002",
    summary: "the resolution drifted: resolving the unchanged manifest gives a different lock",
    hint: "inspect the listed differences (a yanked version, a moved registry), then re-lock with `mochi-pkg lock` if they are expected",
  },
  {
    code: "M057_LOCK_E003",
    summary: "the lockfile was written by a newer mochi-pkg",
    hint: "upgrade mochi-pkg; an older version never rewrites a newer lockfile",
  },
  {
    code: "M057_LOCK_E004",
    summary: "the lockfile is not valid TOML, not UTF-8, unreadable, or has no version envelope",
    hint: "regenerate it with `mochi-pkg lock --refresh` (a merge conflict is the usual cause); never merge lockfiles by hand",
  },
  {
    code: "M057_LOCK_E005",
    summary: "a required lockfile field is missing",
    hint: "regenerate the lockfile with `mochi-pkg lock --refresh`",
  },
  {
    code: "M057_LOCK_E006",
    summary: "a dependency newly requires a capability that was not accepted",
    hint: "audit the dependency, then accept with `mochi-pkg lock --accept-capabilities`",
  },
  {
    code: "M057_LOCK_E007",
    summary: "a locked package version now has different content (hash mismatch): possible tampering",
    hint: "do not re-lock blindly: find out why the same version changed (a republished tag, a compromised mirror) before trusting it",
  },
  {
    code: "M057_LOCK_E008",
    summary: "a lockfile value has the wrong type",
    hint: "regenerate the lockfile with `mochi-pkg lock --refresh`; docs/lockfile.md gives every field's type",
  },
  {
    code: "M057_LOCK_E009",
    summary: "unknown key in the lockfile",
    hint: "a v1 lockfile holds only the keys of docs/lockfile.md; regenerate it with `mochi-pkg lock --refresh`",
  },
  {
    code: "M057_LOCK_E010",
    summary: "a hash in the lockfile is malformed",
    hint: "hashes are lowercase hex of the right length with the documented prefix (blake3-256:, sha256:, h1:); regenerate the lockfile",
  },
  {
    code: "M057_LOCK_E011",
    summary: "a version in the lockfile is not a concrete version",
    hint: "Mochi packages lock semantic versions (1.2.3), Go modules canonical Go versions (v1.2.3); regenerate the lockfile",
  },
  {
    code: "M057_LOCK_E012",
    summary: "a name, path or source in the lockfile is malformed",
    hint: "regenerate the lockfile with `mochi-pkg lock --refresh`; docs/lockfile.md gives each field's syntax",
  },
  {
    code: "M057_LOCK_E013",
    summary: "a lockfile value is not one of the values its field allows",
    hint: "use one of the values listed in the message (platforms, capabilities, source kinds)",
  },
  {
    code: "M057_LOCK_E014",
    summary: "a [[package.platform]] index points past the [[platform]] list",
    hint: "regenerate the lockfile with `mochi-pkg lock --refresh`",
  },
  {
    code: "M057_LOCK_E015",
    summary: "an entry appears twice in the lockfile",
    hint: "each package version, Go module version, platform and map key appears once; regenerate the lockfile",
  },
  {
    code: "M057_LOCK_E016",
    summary: "a dependency points to a package the lockfile does not contain",
    hint: "the lock is incomplete (a bad merge?); regenerate it with `mochi-pkg lock --refresh`",
  },
  {
    code: "M057_LOCK_E017",
    summary: "a field is not allowed with the package's source kind",
    hint: "workspace and path sources carry no hashes; only workspace sources have path; only git sources have git_rev",
  },
  {
    code: "M057_LOCK_E018",
    summary: "a lockfile string is not well-formed Unicode",
    hint: "strings must not hold lone UTF-16 surrogates; fix the value before writing the lock",
  },
  // end core/src/lockfile/
  // core/src/bridge/ (M074_BRIDGE_*)
  {
    code: "M074_BRIDGE_E001",
    summary: "an import alias is not a usable Mochi identifier",
    hint: "pick an alias made of letters, digits and _ that does not start with a digit and is not a Mochi keyword or builtin name",
  },
  {
    code: "M074_BRIDGE_E002",
    summary: "a SKIPPED.txt line is not in the documented shape",
    hint: "SKIPPED.txt is generated: regenerate it with mochi-pkg instead of editing it",
  },
  {
    code: "M074_BRIDGE_E003",
    summary: "a SKIPPED.txt block names an unknown skip reason",
    hint: "the file comes from another mochi-pkg version or was edited; regenerate it",
  },
  {
    code: "M074_BRIDGE_E004",
    summary: "no skipped item matches the name asked about",
    hint: "give the item as <import path>.<Name> or <import path>.<Type>.<Method> (a tail such as Type.Method also works); an item not in SKIPPED.txt was bridged",
  },
  {
    code: "M074_BRIDGE_E005",
    summary: "a monomorphise entry names no generic function of the module",
    hint: "write the item as <import path>.<Func> of a generic function of this module version",
  },
  {
    code: "M074_BRIDGE_E006",
    summary: "a monomorphise entry gives the wrong number of type arguments",
    hint: "give one type argument per type parameter, in the declaration's order",
  },
  {
    code: "M074_BRIDGE_E007",
    summary: "a monomorphise type argument does not satisfy its constraint",
    hint: "pick a type argument in the constraint's type set",
  },
  {
    code: "M074_BRIDGE_E008",
    summary: "a monomorphise type argument cannot be parsed or cannot cross the bridge",
    hint: "write a Go type (foreign types with their full import path) whose values the type table maps",
  },
  {
    code: "M074_BRIDGE_E009",
    summary: "the module version is unknown",
    hint: "ingest with -version, or pass the version the module was resolved to",
  },
  // end core/src/bridge/
  // core/component (M074_COMPONENT_*)
  {
    code: "M074_COMPONENT_E001",
    summary: "the core failed with an unexpected JavaScript error (a bug, not bad input)",
    hint: "report it with the input that caused it; the detail names the JavaScript error",
  },
  {
    code: "M074_COMPONENT_E002",
    summary: "the core component is not built",
    hint: "run `npm run build` (or `node core/component/build.mjs`) to build core/dist/component",
  },
  // end core/component
  // core/src/bridge/wrapper.ts (M074_WRAP_*)
  {
    code: "M074_WRAP_E001",
    summary: "the handle pool's maximum is not an integer",
    hint: "set [go] goroutine-bridge.max-handles to a whole number (0 for the default of 4096, a negative number for no limit)",
  },
  {
    code: "M074_WRAP_E002",
    summary: "two modules of one program would share a wrapper package",
    hint: "a program bridges each module once, at one version of each major; remove the duplicate import",
  },
  {
    code: "M074_WRAP_E003",
    summary: "a wrapped module is not in the build list at its plan's version",
    hint: "wrap the module at the version the build list (mochi.lock) selected, and pass the whole build list as the requirements",
  },
  {
    code: "M074_WRAP_E004",
    summary: "a module version has two different go.sum hashes",
    hint: "pass the go.sum mochi-pkg wrote from its verified cache (writeGoProxyDir), not a merge of go.sum files that disagree",
  },
  {
    code: "M074_WRAP_E005",
    summary: "the go directive is not a Go release",
    hint: "give a Go version such as 1.22 or 1.22.3, at least the highest go line of the build list",
  },
  // end core/src/bridge/wrapper.ts
  // host-node/src/wrapper-build.ts (M074_BUILD_*)
  {
    code: "M074_BUILD_E001",
    summary: "the go command could not be run",
    hint: "install Go 1.22 or newer (https://go.dev/dl/) and make sure `go` is on PATH",
  },
  {
    code: "M074_BUILD_E002",
    summary: "cgo is not available: no C compiler, or CGO_ENABLED=0",
    hint: "install a C compiler (gcc or clang) and put it on PATH or in CC, and do not set CGO_ENABLED=0",
  },
  {
    code: "M074_BUILD_E003",
    summary: "go build -buildmode=c-archive failed",
    hint: "read the go command's output in the message; a wrapper that does not compile is a mochi-pkg bug worth reporting with it",
  },
  {
    code: "M074_BUILD_E004",
    summary: "a monomorphised instance does not compile: a type argument outside its constraint",
    hint: "change the [go] monomorphise entry named in the message to type arguments its type parameters accept",
  },
  {
    code: "M074_BUILD_E005",
    summary: "the go command could not get a module from the verified cache",
    hint: "run `mochi-pkg lock` so every module of the build list is downloaded and verified, then build again",
  },
  {
    code: "M074_BUILD_E006",
    summary: "the build directory or the program files are not usable",
    hint: "build into an empty directory you can write, from the files programFiles() returned (they need go.mod)",
  },
  {
    code: "M074_BUILD_E007",
    summary: "the go command took too long",
    hint: "raise the build timeout, or build fewer modules at once; a first build compiles every dependency and can take minutes",
  },
  // end host-node/src/wrapper-build.ts
  // core/src/registry/, core/src/resolve/, host-node/src/mochi-registry.ts (M057_INDEX_*, M057_REGISTRY_*, M057_SOLVER_*)
  {
    code: "M057_INDEX_E001",
    summary: "a local registry directory (the fixture registry) cannot be read",
    hint: "check that the directory holds config.json, yanked.json and packages/<name>/<version>/mochi.toml as docs/registry.md describes",
  },
  {
    code: "M057_INDEX_E002",
    summary: "an index file is not UTF-8 JSON lines: a line is not a JSON object",
    hint: "each line of an index file is one JSON object describing one version; the registry serves a broken index, report it",
  },
  {
    code: "M057_INDEX_E003",
    summary: "the registry uses a newer index format than this mochi-pkg reads",
    hint: "upgrade mochi-pkg; this version reads index format 1 (\"v\": 1)",
  },
  {
    code: "M057_INDEX_E004",
    summary: "fetching from the Mochi package registry failed",
    hint: "check the registry URL (MOCHI_REGISTRY) and your network; the registry may be down, retry later",
  },
  {
    code: "M057_REGISTRY_E001",
    summary: "an index line lacks a required field",
    hint: "every index line has name, version and blake3 (docs/registry.md); the registry serves a broken index, report it",
  },
  {
    code: "M057_REGISTRY_E002",
    summary: "an index line field has the wrong JSON type",
    hint: "docs/registry.md gives each field's type; the registry serves a broken index, report it",
  },
  {
    code: "M057_REGISTRY_E003",
    summary: "unknown key in an index line",
    hint: "an index line of format 1 holds only the keys of docs/registry.md; a newer format says \"v\": 2",
  },
  {
    code: "M057_REGISTRY_E004",
    summary: "an index line names a package (or a dependency) with a malformed package name",
    hint: "package names are `name` or `@scope/name` in lower-case letters, digits, - and _",
  },
  {
    code: "M057_REGISTRY_E005",
    summary: "an index file holds a line for another package",
    hint: "the index file of a package lists only that package's versions; the registry serves a broken index, report it",
  },
  {
    code: "M057_REGISTRY_E006",
    summary: "an index line's version is not a semantic version",
    hint: "versions are SemVer 2.0 without a v: 1.2.3, 1.3.0-beta.1",
  },
  {
    code: "M057_REGISTRY_E007",
    summary: "an index file lists a version twice",
    hint: "each version (by SemVer precedence: 1.0.0+a equals 1.0.0+b) appears once in its package's index file",
  },
  {
    code: "M057_REGISTRY_E008",
    summary: "an index line's dependency requirement is malformed",
    hint: "write requirements as in mochi.toml: ^1.2, ~1.2.3, =1.2.3, >=1.2, <2, 1.*, comparators joined by commas",
  },
  {
    code: "M057_REGISTRY_E009",
    summary: "an index line declares a capability outside MEP-57's closed set",
    hint: "capabilities are clock, env, ffi, fs.read, fs.write, net.dial, net.listen, proc.spawn, random",
  },
  {
    code: "M057_REGISTRY_E010",
    summary: "an index line's blake3 is malformed",
    hint: "write blake3-256: and the 64 lowercase hex digits of the archive's BLAKE3-256",
  },
  {
    code: "M057_REGISTRY_E011",
    summary: "an index line's targets are unknown or empty",
    hint: "list targets among beam, c, dotnet, jvm, kotlin, python, rust, swift, typescript, or leave targets out for every target",
  },
  {
    code: "M057_REGISTRY_E012",
    summary: "an index line has a malformed feature name",
    hint: "feature names use lower-case letters, digits, -, _ and ., starting with a letter or digit",
  },
  {
    code: "M057_REGISTRY_E013",
    summary: "an index line's feature enables something that is neither a feature nor an optional dependency",
    hint: "a feature lists other features of the package or dep:<name> of a dependency marked optional",
  },
  {
    code: "M057_REGISTRY_E014",
    summary: "an index line's package depends on itself",
    hint: "remove the dependency of the package on its own name",
  },
  {
    code: "M057_REGISTRY_E015",
    summary: "the registry's config.json is malformed",
    hint: "config.json is {\"v\":1,\"name\":\"<host name>\"}; check that the URL points at a Mochi package registry",
  },
  {
    code: "M057_REGISTRY_E016",
    summary: "a manifest without [package] cannot become an index entry",
    hint: "publish a package, not a virtual workspace root: each member is published on its own",
  },
  {
    code: "M057_REGISTRY_E017",
    summary: "a published package has a dependency that is not a registry requirement",
    hint: "a registry package depends on other registry packages by version; replace path and git dependencies with versions before publishing",
  },
  {
    code: "M057_REGISTRY_E018",
    summary: "an archive file path is not a relative path the archive format can hold",
    hint: "archive paths are relative, written with /, without . or .. segments, and at most 255 bytes with the archive prefix",
  },
  {
    code: "M057_REGISTRY_E019",
    summary: "an archive lists a file path twice",
    hint: "give each file of the package once",
  },
  {
    code: "M057_REGISTRY_E020",
    summary: "a downloaded package archive does not match the BLAKE3 in the index",
    hint: "nothing was used; the registry (or a mirror or proxy) served other bytes than the index vouches for. Retry, then report the registry",
  },
  {
    code: "M057_REGISTRY_E021",
    summary: "the registry lists a package version whose archive it does not serve",
    hint: "the registry is inconsistent; retry later or report it",
  },
  {
    code: "M057_REGISTRY_E022",
    summary: "the registry has no package of this name",
    hint: "check the spelling of the dependency (and its scope), or that MOCHI_REGISTRY points at the registry that publishes it",
  },
  {
    code: "M057_REGISTRY_E023",
    summary: "every version that matches a requirement is yanked",
    hint: "yanked versions are only kept when already locked; require a version that is not yanked (see the registry for why it was yanked)",
  },
  {
    code: "M057_REGISTRY_E024",
    summary: "two workspace or path packages have the same name",
    hint: "give every workspace member and path dependency its own package name",
  },
  {
    code: "M057_REGISTRY_E025",
    summary: "a path dependency's manifest does not describe the package the dependency names",
    hint: "point the path at the directory whose mochi.toml has [package] name = the dependency's name",
  },
  {
    code: "M057_REGISTRY_E026",
    summary: "git dependencies cannot be resolved yet",
    hint: "depend on a registry version or a path checkout of the repository instead",
  },
  {
    code: "M057_REGISTRY_E027",
    summary: "a fixture package version directory holds another package or version",
    hint: "put each version's files in packages/<name>/<version>/ with a mochi.toml whose [package] name and version match the directory",
  },
  {
    code: "M057_REGISTRY_E028",
    summary: "a yanked or omitted fixture version is not in the fixture registry",
    hint: "name a fixture version as <name>@<version> (yanked.json, or the omit/yank options of tests)",
  },
  {
    code: "M057_SOLVER_E001",
    summary: "dependency resolution gave up after too many steps",
    hint: "the requirements leave too many combinations to try; narrow the version requirements of the dependencies that conflict",
  },
  {
    code: "M057_SOLVER_E002",
    summary: "the dependency requirements cannot all be satisfied",
    hint: "relax one of the listed requirements, or upgrade the package that asks for the conflicting range",
  },
  // end core/src/registry/
  // core/src/go/semver.ts, pseudo.ts (M074_SEMVER_*)
  {
    code: "M074_SEMVER_E001",
    summary: "a version does not start with 'v'",
    hint: "Go versions start with a lower-case 'v', e.g. v1.2.3",
  },
  {
    code: "M074_SEMVER_E002",
    summary: "a version's major, minor or patch number is missing or not decimal",
    hint: "write the version as vMAJOR.MINOR.PATCH with decimal numbers, e.g. v1.2.3",
  },
  {
    code: "M074_SEMVER_E003",
    summary: "a version's major, minor or patch number has a leading zero",
    hint: "drop the leading zeros (v1.2.3, not v01.02.03); 0 on its own is fine",
  },
  {
    code: "M074_SEMVER_E004",
    summary: "a vMAJOR or vMAJOR.MINOR shorthand is followed by a prerelease or build suffix",
    hint: "spell out all three numbers before a '-' or '+' suffix, e.g. v1.0.0-pre instead of v1-pre",
  },
  {
    code: "M074_SEMVER_E005",
    summary: "a version has an unexpected character after its numbers",
    hint: "after vMAJOR.MINOR.PATCH only '-PRERELEASE' and '+BUILD' may follow; remove stray text and spaces",
  },
  {
    code: "M074_SEMVER_E006",
    summary: "a version's prerelease has an empty identifier",
    hint: "prerelease identifiers are non-empty and dot-separated: write v1.0.0-rc.1, not v1.0.0- or v1.0.0-a..b",
  },
  {
    code: "M074_SEMVER_E007",
    summary: "a version's prerelease has a character outside [0-9A-Za-z-.]",
    hint: "use only ASCII letters, digits, '-' and '.' in a prerelease",
  },
  {
    code: "M074_SEMVER_E008",
    summary: "a numeric prerelease identifier has a leading zero",
    hint: "write numeric prerelease identifiers without leading zeros (v1.0.0-1, not v1.0.0-01), or add a letter",
  },
  {
    code: "M074_SEMVER_E009",
    summary: "a version's build metadata has an empty identifier",
    hint: "build identifiers are non-empty and dot-separated: write v1.0.0+meta, not v1.0.0+ or v1.0.0+a..b",
  },
  {
    code: "M074_SEMVER_E010",
    summary: "a version's build metadata has a character outside [0-9A-Za-z-.]",
    hint: "use only ASCII letters, digits, '-' and '.' in build metadata",
  },
  {
    code: "M074_SEMVER_E011",
    summary: "a version is not a pseudo-version",
    hint: "pseudo-versions look like v0.0.0-20060102150405-abcdef123456, vX.Y.(Z+1)-0.TIMESTAMP-REV or vX.Y.Z-PRE.0.TIMESTAMP-REV",
  },
  {
    code: "M074_SEMVER_E012",
    summary: "a pseudo-version's timestamp is not a valid UTC time",
    hint: "the 14-digit timestamp is yyyymmddhhmmss of the commit time in UTC; check month, day, hour, minute and second",
  },
  {
    code: "M074_SEMVER_E013",
    summary: "a pseudo-version without a base version carries build metadata",
    hint: "vX.0.0-TIMESTAMP-REV+incompatible is nonsensical; drop the build suffix or use a pseudo-version built on a tag",
  },
  {
    code: "M074_SEMVER_E014",
    summary: "a pseudo-version's base would have a negative patch number (vX.Y.0-0.TIMESTAMP-REV)",
    hint: "such pseudo-versions are invalid; ask the proxy or the go command for a correct pseudo-version of the commit",
  },
  {
    code: "M074_SEMVER_E015",
    summary: "a pseudo-version major is not of the form vN",
    hint: "pass the major as v0, v1, v2, ... (or \"\" for v0)",
  },
  {
    code: "M074_SEMVER_E016",
    summary: "the older version a pseudo-version builds on is not a valid semantic version",
    hint: "pass the latest tag before the commit as a valid version (e.g. v1.2.3), or \"\" when there is none",
  },
  {
    code: "M074_SEMVER_E017",
    summary: "a pseudo-version revision is empty or not alphanumeric",
    hint: "pass the commit identifier, normally its first 12 lower-case hex digits",
  },
  {
    code: "M074_SEMVER_E018",
    summary: "a pseudo-version time is not a valid time in years 0000-9999",
    hint: "pass the commit time as YYYY-MM-DDThh:mm:ss(.fff)(Z|+hh:mm), as yyyymmddhhmmss in UTC, or as epoch milliseconds",
  },
  // end core/src/go/semver.ts,
  // core/src/go/modpath.ts (M074_MODPATH_*)
  {
    code: "M074_MODPATH_E001",
    summary: "a path is not valid UTF-8",
    hint: "use a path made of well-formed UTF-8 text (no lone surrogates or stray bytes)",
  },
  {
    code: "M074_MODPATH_E002",
    summary: "a path is empty",
    hint: "give a non-empty module, import or file path",
  },
  {
    code: "M074_MODPATH_E003",
    summary: "a module or import path starts with '-'",
    hint: "remove the leading dash; only file paths inside a module zip may start with '-'",
  },
  {
    code: "M074_MODPATH_E004",
    summary: "a path contains '//'",
    hint: "remove the empty element between the two slashes",
  },
  {
    code: "M074_MODPATH_E005",
    summary: "a path ends with '/'",
    hint: "remove the trailing slash",
  },
  {
    code: "M074_MODPATH_E006",
    summary: "a path has an empty element (it starts with '/')",
    hint: "remove the leading slash; paths are relative and slash-separated",
  },
  {
    code: "M074_MODPATH_E007",
    summary: "a path element is made only of dots ('.', '..')",
    hint: "module, import and file paths must not contain '.' or '..' elements; spell the path out",
  },
  {
    code: "M074_MODPATH_E008",
    summary: "a module path element starts with '.'",
    hint: "rename the element; a leading dot is allowed in import and file paths but not in module paths",
  },
  {
    code: "M074_MODPATH_E009",
    summary: "a path element ends with '.'",
    hint: "rename the element so it does not end in a dot",
  },
  {
    code: "M074_MODPATH_E010",
    summary: "a path element contains a character not allowed for its kind of path",
    hint: "module paths allow [A-Za-z0-9-._~], import paths also '+', file paths also Unicode letters, space and !#$%&()+,-.=@[]^_{}~",
  },
  {
    code: "M074_MODPATH_E011",
    summary: "a path element is a reserved Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)",
    hint: "rename the element; Windows cannot create files named like a device, even with an extension",
  },
  {
    code: "M074_MODPATH_E012",
    summary: "a path element looks like a Windows 8.3 short name (ends in '~' and digits before its first dot)",
    hint: "rename the element so the part before its first dot does not end in '~' followed by digits",
  },
  {
    code: "M074_MODPATH_E013",
    summary: "the first element of a module path has no dot",
    hint: "module paths start with a domain name such as example.com; use a path like example.com/mymod",
  },
  {
    code: "M074_MODPATH_E014",
    summary: "the first element of a module path has a character other than [a-z0-9.-]",
    hint: "write the domain part of the module path in lower case, with only letters, digits, '.' and '-'",
  },
  {
    code: "M074_MODPATH_E015",
    summary: "a module path ends in /v0 or /v1",
    hint: "drop the suffix: major versions 0 and 1 use the bare path; /vN suffixes start at /v2",
  },
  {
    code: "M074_MODPATH_E016",
    summary: "a module path has a malformed /vN major-version suffix (leading zero or a dot)",
    hint: "write the suffix as /vN with N >= 2 and no leading zero or dot, e.g. /v2",
  },
  {
    code: "M074_MODPATH_E017",
    summary: "a gopkg.in module path does not end in .vN",
    hint: "gopkg.in paths need a .vN suffix, e.g. gopkg.in/yaml.v3",
  },
  {
    code: "M074_MODPATH_E018",
    summary: "a gopkg.in module path has a .vN suffix with a leading zero",
    hint: "write the suffix as .v0 or .vN with N >= 1 and no leading zero",
  },
  {
    code: "M074_MODPATH_E019",
    summary: "a module version is not a valid semantic version",
    hint: "use a version like v1.2.3 (leading 'v', no leading zeros), v1.2.3-pre or a pseudo-version",
  },
  {
    code: "M074_MODPATH_E020",
    summary: "a module version's major does not match the module path's major-version suffix",
    hint: "use a version whose major matches the path (/vN or .vN needs vN; a bare path needs v0, v1 or +incompatible), or change the path",
  },
  {
    code: "M074_MODPATH_E021",
    summary: "a version to escape contains '!'",
    hint: "versions must not contain '!'; it is reserved for the case-escaping of upper-case letters",
  },
  {
    code: "M074_MODPATH_E022",
    summary: "a version to escape contains a non-ASCII character",
    hint: "use an ASCII version string; the '!' case-escaping is defined only for ASCII",
  },
  {
    code: "M074_MODPATH_E023",
    summary: "an escaped path or version contains an upper-case letter",
    hint: "escaped strings are all lower case; write each upper-case letter X as '!x' (use escapePath/escapeVersion)",
  },
  {
    code: "M074_MODPATH_E024",
    summary: "in an escaped path or version, '!' is not followed by a lower-case letter a-z",
    hint: "write '!' only before the lower-case form of an upper-case letter, e.g. '!burnt!sushi'",
  },
  {
    code: "M074_MODPATH_E025",
    summary: "an escaped path or version ends with '!'",
    hint: "remove the trailing '!' or complete the escape with a lower-case letter",
  },
  {
    code: "M074_MODPATH_E026",
    summary: "an escaped path or version contains a non-ASCII character",
    hint: "escaped paths and versions are ASCII; check that the URL was percent-decoded once and only once",
  },
  {
    code: "M074_MODPATH_E027",
    summary: "a GOPRIVATE/GONOPROXY/GONOSUMDB glob is not a valid path.Match pattern",
    hint: "fix the glob: close every '[' with ']', give character ranges a start and end, and do not end a pattern with '\\'",
  },
  // end core/src/go/modpath.ts
  // core/src/go/zip.ts (M074_ZIP_*)
  {
    code: "M074_ZIP_E001",
    summary: "the bytes are not a zip archive: no end-of-central-directory record",
    hint: "download the module zip again; the file is truncated or not a zip",
  },
  {
    code: "M074_ZIP_E002",
    summary: "the zip archive spans several disks",
    hint: "module zips are single files; re-create the zip as one archive",
  },
  {
    code: "M074_ZIP_E003",
    summary: "the zip64 end-of-central-directory locator or record is malformed",
    hint: "the archive is corrupt; download or re-create it",
  },
  {
    code: "M074_ZIP_E004",
    summary: "the central directory does not end where the end-of-central-directory record begins",
    hint: "the archive is corrupt or has data prepended or appended; download or re-create it",
  },
  {
    code: "M074_ZIP_E005",
    summary: "a central directory entry is malformed",
    hint: "the archive is corrupt; download or re-create it",
  },
  {
    code: "M074_ZIP_E006",
    summary: "a zip entry is encrypted",
    hint: "module zips cannot be encrypted; re-create the zip without encryption",
  },
  {
    code: "M074_ZIP_E007",
    summary: "a zip entry uses a compression method other than stored or deflate",
    hint: "re-create the zip with stored (0) or deflate (8) entries only",
  },
  {
    code: "M074_ZIP_E008",
    summary: "a local file header is malformed or disagrees with the central directory",
    hint: "the archive is corrupt or crafted to confuse readers; do not use it",
  },
  {
    code: "M074_ZIP_E009",
    summary: "zip entry data lies outside the archive or overlaps another entry",
    hint: "the archive is corrupt or a zip bomb; do not use it",
  },
  {
    code: "M074_ZIP_E010",
    summary: "a stored zip entry's compressed and uncompressed sizes differ",
    hint: "the archive is corrupt; download or re-create it",
  },
  {
    code: "M074_ZIP_E011",
    summary: "a zip entry's deflate data is corrupt",
    hint: "the archive is corrupt; download it again",
  },
  {
    code: "M074_ZIP_E012",
    summary: "a zip entry inflates to more bytes than it declares",
    hint: "the archive is corrupt or a zip bomb; do not use it",
  },
  {
    code: "M074_ZIP_E013",
    summary: "a zip entry inflates to fewer bytes than it declares",
    hint: "the archive is corrupt or truncated; download it again",
  },
  {
    code: "M074_ZIP_E014",
    summary: "a zip entry's CRC-32 does not match its contents",
    hint: "the archive is corrupt; download it again",
  },
  {
    code: "M074_ZIP_E015",
    summary: "a zip entry's data descriptor is missing or disagrees with the central directory",
    hint: "the archive is corrupt; download or re-create it",
  },
  {
    code: "M074_ZIP_E016",
    summary: "a directory entry in the zip carries data",
    hint: "the archive is malformed; re-create it without data in directory entries",
  },
  {
    code: "M074_ZIP_E017",
    summary: "a zip entry name is longer than 65535 bytes",
    hint: "shorten the module path or the file path",
  },
  {
    code: "M074_ZIP_E018",
    summary: "the module version is not canonical",
    hint: "use the canonical form (vMAJOR.MINOR.PATCH[-pre], keeping only +incompatible) as the error shows",
  },
  {
    code: "M074_ZIP_E019",
    summary: "the module zip file is larger than 500 MiB (MaxZipFile)",
    hint: "module zips are limited to 524288000 bytes; remove large files from the module",
  },
  {
    code: "M074_ZIP_E020",
    summary: "the module's files total more than 500 MiB uncompressed (MaxZipFile)",
    hint: "remove large files from the module; the limit is 524288000 bytes in total",
  },
  {
    code: "M074_ZIP_E021",
    summary: "the root go.mod is larger than 16 MiB (MaxGoMod)",
    hint: "shrink go.mod below 16777216 bytes",
  },
  {
    code: "M074_ZIP_E022",
    summary: "the root LICENSE is larger than 16 MiB (MaxLICENSE)",
    hint: "shrink LICENSE below 16777216 bytes",
  },
  {
    code: "M074_ZIP_E023",
    summary: "a zip entry does not start with <module>@<version>/",
    hint: "every entry of a module zip must sit under <module>@<version>/ exactly (not !-escaped)",
  },
  {
    code: "M074_ZIP_E024",
    summary: "a file path is not clean (path.Clean would change it)",
    hint: "remove '.', '..', doubled or trailing slashes from the path",
  },
  {
    code: "M074_ZIP_E025",
    summary: "a file path is absolute",
    hint: "use paths relative to the module root",
  },
  {
    code: "M074_ZIP_E026",
    summary: "a go.mod file is spelled in a different letter case",
    hint: "name the file go.mod in lower case",
  },
  {
    code: "M074_ZIP_E027",
    summary: "a zip contains a go.mod file below the module root",
    hint: "a module zip holds exactly one module; remove the nested go.mod (or its directory)",
  },
  {
    code: "M074_ZIP_E028",
    summary: "two file paths differ only in letter case",
    hint: "rename one of them: module zips must extract on case-insensitive file systems",
  },
  {
    code: "M074_ZIP_E029",
    summary: "a path is used both as a file and as a directory",
    hint: "rename the file or the directory",
  },
  {
    code: "M074_ZIP_E030",
    summary: "a file appears more than once",
    hint: "list each file once",
  },
  {
    code: "M074_ZIP_E031",
    summary: "a file holds more bytes than its declared size",
    hint: "the file changed while the module zip was being created; try again",
  },
  {
    code: "M074_ZIP_E032",
    summary: "a regular file was given without data or open()",
    hint: "pass data or an open() function for every regular file",
  },
  // end core/src/go/zip.ts
  // core/src/go/dirhash.ts (M074_DIRHASH_*)
  {
    code: "M074_DIRHASH_E001",
    summary: "a file name contains a newline, which the h1 summary cannot represent",
    hint: "rename the file; dirhash (and the go command) do not support newlines in file names",
  },
  {
    code: "M074_DIRHASH_E002",
    summary: "a file name is not valid UTF-8 (it holds a lone surrogate)",
    hint: "pass file names as well-formed strings",
  },
  // end core/src/go/dirhash.ts
  // core/src/go/note.ts (M074_NOTE_*)
  {
    code: "M074_NOTE_E001",
    summary: "a note key is not of the form name+hash+key",
    hint: "use a verifier key like sum.golang.org+033de0ae+Ac4z... (name, 8 hex digits, base64 key), e.g. from GOSUMDB",
  },
  {
    code: "M074_NOTE_E002",
    summary: "invalid key or signer name",
    hint: "names are non-empty UTF-8 without spaces or '+'",
  },
  {
    code: "M074_NOTE_E003",
    summary: "the key hash field is not 8 hex digits",
    hint: "copy the key exactly; the second field is the 32-bit key hash in hex",
  },
  {
    code: "M074_NOTE_E004",
    summary: "the key data is not standard base64",
    hint: "copy the key exactly; the third field is padded standard base64",
  },
  {
    code: "M074_NOTE_E005",
    summary: "unknown key algorithm",
    hint: "only Ed25519 keys (algorithm byte 1) are defined for signed notes",
  },
  {
    code: "M074_NOTE_E006",
    summary: "the key has the wrong length for Ed25519",
    hint: "an Ed25519 key is 32 bytes after the algorithm byte; copy the key exactly",
  },
  {
    code: "M074_NOTE_E007",
    summary: "the key hash does not match the key name and key",
    hint: "the key was altered or mistyped; get it again from a trusted source",
  },
  {
    code: "M074_NOTE_E008",
    summary: "a signer key does not start with PRIVATE+KEY+",
    hint: "pass a signer key (PRIVATE+KEY+name+hash+key), not a verifier key",
  },
  {
    code: "M074_NOTE_E009",
    summary: "note text does not end in a newline",
    hint: "end the text to sign with a newline",
  },
  {
    code: "M074_NOTE_E010",
    summary: "note is not valid UTF-8",
    hint: "the note was corrupted in transit or is not a signed note; fetch it again",
  },
  {
    code: "M074_NOTE_E011",
    summary: "note contains a control character",
    hint: "signed notes may contain no control characters other than newline; fetch it again",
  },
  {
    code: "M074_NOTE_E012",
    summary: "note has no signature block",
    hint: "a signed note is its text, a blank line, then signature lines; the server sent something else",
  },
  {
    code: "M074_NOTE_E013",
    summary: "the note's signature block does not end in a newline",
    hint: "the note was truncated; fetch it again",
  },
  {
    code: "M074_NOTE_E014",
    summary: "a signature line does not start with an em dash and a space",
    hint: "signature lines start with U+2014 EM DASH and a space, not an ASCII hyphen",
  },
  {
    code: "M074_NOTE_E015",
    summary: "a signature names an invalid signer",
    hint: "signer names are non-empty UTF-8 without spaces or '+'",
  },
  {
    code: "M074_NOTE_E016",
    summary: "a signature is not base64 of a key hash and signature bytes",
    hint: "the note was corrupted; fetch it again",
  },
  {
    code: "M074_NOTE_E017",
    summary: "note has more than 100 signatures",
    hint: "the note is malformed or hostile; do not use it",
  },
  {
    code: "M074_NOTE_E018",
    summary: "two known verifiers share a name and key hash",
    hint: "remove the duplicate from the list of trusted keys",
  },
  {
    code: "M074_NOTE_E019",
    summary: "a signature by a known key does not verify",
    hint: "the note was altered or signed by another key under the same name; do not trust it and report it",
  },
  {
    code: "M074_NOTE_E020",
    summary: "note has no signature by a known key",
    hint: "check that the verifier key (GOSUMDB) matches the server you talk to",
  },
  {
    code: "M074_NOTE_E021",
    summary: "an Ed25519 seed must be 32 bytes",
    hint: "pass 32 random bytes as the key seed",
  },
  // end core/src/go/note.ts
  // core/src/go/tlog.ts (M074_TLOG_*)
  {
    code: "M074_TLOG_E001",
    summary: "invalid tree size, record index or proof sizes",
    hint: "sizes and indexes are non-negative integers; a record index is below the tree size, an old tree size is 1..new size",
  },
  {
    code: "M074_TLOG_E002",
    summary: "a transparency-log proof has too few hashes",
    hint: "the proof does not match the tree sizes; the server sent a bad proof",
  },
  {
    code: "M074_TLOG_E003",
    summary: "a transparency-log proof has too many hashes",
    hint: "the proof does not match the tree sizes; the server sent a bad proof",
  },
  {
    code: "M074_TLOG_E004",
    summary: "a transparency-log proof does not verify",
    hint: "the log does not contain what was claimed; do not trust the data and report the server",
  },
  {
    code: "M074_TLOG_E005",
    summary: "malformed tile path",
    hint: "tile paths look like tile/H/L/x001/234[.p/W], with L a number or data, written canonically",
  },
  {
    code: "M074_TLOG_E006",
    summary: "invalid tile or tile height",
    hint: "tile height is 1..30, level -1 (data) to 63, width 1..2^height; data tiles hold records, not hashes",
  },
  {
    code: "M074_TLOG_E007",
    summary: "tile data has the wrong length",
    hint: "a tile of width W is W*32 bytes; the tile was truncated or is not a hash tile; fetch it again",
  },
  {
    code: "M074_TLOG_E008",
    summary: "the stored hash is not in the given tile",
    hint: "use tileForIndex to find the tile that holds a stored hash",
  },
  {
    code: "M074_TLOG_E009",
    summary: "a stored hash index is outside the tree",
    hint: "only the hashes of a tree's complete subtrees can be read; check the tree size",
  },
  {
    code: "M074_TLOG_E010",
    summary: "downloaded inconsistent tile",
    hint: "a tile does not hash to the signed tree root or to its parent tile; the server or cache is corrupt or lying: clear the tile cache and retry, and report the server if it persists",
  },
  {
    code: "M074_TLOG_E011",
    summary: "tiles needed to read log hashes are not available",
    hint: "fetch the listed tiles, supply them and retry",
  },
  {
    code: "M074_TLOG_E012",
    summary: "not a go.sum database tree note",
    hint: "a tree note starts with the line 'go.sum database tree'",
  },
  {
    code: "M074_TLOG_E013",
    summary: "tree note too short or too long",
    hint: "a tree note has three newline-terminated lines (header, size, hash) and at most 1e6 bytes",
  },
  {
    code: "M074_TLOG_E014",
    summary: "tree size is not a canonical decimal",
    hint: "the size is a decimal without sign or leading zeros, below 2^53",
  },
  {
    code: "M074_TLOG_E015",
    summary: "tree hash is not base64 of 32 bytes",
    hint: "the root hash is the padded standard base64 of a SHA-256 hash",
  },
  {
    code: "M074_TLOG_E016",
    summary: "record text is not valid UTF-8",
    hint: "log records are UTF-8 text",
  },
  {
    code: "M074_TLOG_E017",
    summary: "record text contains a control character",
    hint: "log records may contain no control characters other than newline",
  },
  {
    code: "M074_TLOG_E018",
    summary: "record text contains a blank line",
    hint: "a blank line ends a record; the text itself may not contain one",
  },
  {
    code: "M074_TLOG_E019",
    summary: "record text does not end in a newline",
    hint: "end every line of a record, including the last, with a newline",
  },
  {
    code: "M074_TLOG_E020",
    summary: "a record does not start with its decimal id line",
    hint: "a lookup response is '<id>\\n<text>\\n' then the signed tree note; the server sent something else",
  },
  {
    code: "M074_TLOG_E021",
    summary: "a record is not followed by a blank line",
    hint: "the lookup response was truncated; fetch it again",
  },
  {
    code: "M074_TLOG_E022",
    summary: "a data tile does not hold exactly its width in records",
    hint: "a data tile of width W is W record texts, each followed by a newline; fetch it again",
  },
  {
    code: "M074_TLOG_E023",
    summary: "a hash reader returned the wrong number or size of hashes",
    hint: "a HashReader must return one 32-byte hash per requested index, in order",
  },
  // end core/src/go/tlog.ts
  // core/src/go/sumdb.ts (M074_SUMDB_*)
  {
    code: "M074_SUMDB_E001",
    summary: "checksum database fork/rollback: two signed tree heads are inconsistent",
    hint: "the checksum database (or a proxy in front of it) served two histories; keep the report, do not trust either, and report it to the database operator",
  },
  {
    code: "M074_SUMDB_E002",
    summary: "the lookup's record id is outside the signed tree",
    hint: "the server sent a record its own tree head does not cover; retry later and report it if it persists",
  },
  {
    code: "M074_SUMDB_E003",
    summary: "the lookup's record text does not match the log",
    hint: "the server (or the lookup cache) altered the record; clear the sumdb cache and retry, and report it if it persists",
  },
  {
    code: "M074_SUMDB_E004",
    summary: "the verified record has no go.sum line for the requested module version",
    hint: "the server answered for another module or version; check the module path's case and the version",
  },
  {
    code: "M074_SUMDB_E005",
    summary: "supplied data for a path the client never asks for",
    hint: "supply only /lookup/... responses and /tile/H/L/... hash tiles the client requested",
  },
  {
    code: "M074_SUMDB_E006",
    summary: "malformed checksum database lookup key",
    hint: "lookups are /lookup/<escaped module path>@<escaped semantic version>",
  },
  // end core/src/go/sumdb.ts
  // core/src/go/gomod.ts (M074_GOMOD_*)
  {
    code: "M074_GOMOD_E001",
    summary: "go.mod contains a character that cannot start or continue a token (a control or format character such as a byte-order mark)",
    hint: "remove the character; go.mod tokens are printable text separated by spaces",
  },
  {
    code: "M074_GOMOD_E002",
    summary: "go.mod uses a /* */ comment",
    hint: "go.mod files allow only // comments; rewrite the comment with //",
  },
  {
    code: "M074_GOMOD_E003",
    summary: "a quoted string in go.mod is not closed before the end of the line or file",
    hint: "close the string with the same quote on the same line",
  },
  {
    code: "M074_GOMOD_E004",
    summary: "a go.mod block opened with '(' is never closed",
    hint: "add a line with a single ')' to close the block",
  },
  {
    code: "M074_GOMOD_E005",
    summary: "a go.mod block's closing ')' is followed by more text on the same line",
    hint: "put the closing ')' on a line of its own",
  },
  {
    code: "M074_GOMOD_E006",
    summary: "go.mod has an unknown directive",
    hint: "use one of: module, go, toolchain, godebug, require, exclude, replace, retract, tool, ignore (or check the spelling)",
  },
  {
    code: "M074_GOMOD_E007",
    summary: "go.mod opens a block for something that is not a directive taking a block",
    hint: "only module, godebug, require, exclude, replace, retract, tool and ignore take a '( ... )' block, with just the directive name before '('",
  },
  {
    code: "M074_GOMOD_E008",
    summary: "a go.mod argument is badly quoted (a raw `string`, a stray quote, or an invalid escape in a \"string\")",
    hint: "write the value unquoted, or as a double-quoted Go string with valid escapes",
  },
  {
    code: "M074_GOMOD_E009",
    summary: "a go.mod directive has the wrong number or shape of arguments",
    hint: "write the directive in the form its usage message shows",
  },
  {
    code: "M074_GOMOD_E010",
    summary: "go.mod has no module directive",
    hint: "add 'module <path>' as the first line (go mod edit -module=example.com/mod)",
  },
  {
    code: "M074_GOMOD_E011",
    summary: "go.mod declares the module more than once",
    hint: "keep a single module directive",
  },
  {
    code: "M074_GOMOD_E012",
    summary: "a path in go.mod is not a valid module or import path",
    hint: "fix the path: lower-case domain first, allowed characters only, no empty, dot-only or trailing elements",
  },
  {
    code: "M074_GOMOD_E013",
    summary: "go.mod has more than one go directive",
    hint: "keep a single go directive",
  },
  {
    code: "M074_GOMOD_E014",
    summary: "the go directive's version is malformed",
    hint: "write a Go release like 1.23.0, 1.23 or 1.23rc1 (no leading 'v' or 'go')",
  },
  {
    code: "M074_GOMOD_E015",
    summary: "go.mod has more than one toolchain directive",
    hint: "keep a single toolchain directive",
  },
  {
    code: "M074_GOMOD_E016",
    summary: "the toolchain directive names no valid toolchain",
    hint: "write 'toolchain go1.23.0' (or 'toolchain default')",
  },
  {
    code: "M074_GOMOD_E017",
    summary: "a godebug setting is not key=value",
    hint: "write 'godebug key=value' with no quotes or commas",
  },
  {
    code: "M074_GOMOD_E018",
    summary: "a version in go.mod is not a semantic version",
    hint: "write a version of the form v1.2.3 (with optional -prerelease or +incompatible)",
  },
  {
    code: "M074_GOMOD_E019",
    summary: "a version's major does not match the module path's major-version suffix",
    hint: "v2 and later need a /vN path suffix (or +incompatible); a /vN path needs a vN.x.y version",
  },
  {
    code: "M074_GOMOD_E020",
    summary: "a replacement without a version is not a directory path",
    hint: "give the replacement module a version (path v1.2.3), or write the directory as ./dir, ../dir or an absolute path",
  },
  {
    code: "M074_GOMOD_E021",
    summary: "a replacement is written as path@version",
    hint: "separate the replacement module and its version with a space: path v1.2.3",
  },
  {
    code: "M074_GOMOD_E022",
    summary: "a replacement directory has a version",
    hint: "drop the version: directory replacements take none",
  },
  {
    code: "M074_GOMOD_E023",
    summary: "a retract directive's version or interval is malformed",
    hint: "write 'retract v1.2.3' or 'retract [v1.0.0, v1.2.3]'",
  },
  {
    code: "M074_GOMOD_E024",
    summary: "a retract directive has text after its version or interval",
    hint: "move the rationale into a // comment",
  },
  {
    code: "M074_GOMOD_E025",
    summary: "the same module version is replaced by two different targets",
    hint: "keep one replacement for each module (and version)",
  },
  // end core/src/go/gomod.ts
  // core/src/go/goenv.ts (M074_GOENV_*)
  {
    code: "M074_GOENV_E001",
    summary: "GOPROXY is set but lists no proxies",
    hint: "set GOPROXY to a comma- or pipe-separated list such as https://proxy.golang.org,direct (or off)",
  },
  {
    code: "M074_GOENV_E002",
    summary: "a GOPROXY entry is not a valid URL",
    hint: "write each proxy as a full URL such as https://proxy.example.com",
  },
  {
    code: "M074_GOENV_E003",
    summary: "a GOPROXY entry has no URL scheme",
    hint: "write the proxy as https://host/path (a bare host name gets https:// only if it contains '.', ':' or '/')",
  },
  {
    code: "M074_GOENV_E004",
    summary: "a GOPROXY entry uses a scheme other than https, http or file",
    hint: "use an https://, http:// or file:/// proxy URL",
  },
  {
    code: "M074_GOENV_E005",
    summary: "a file:// GOPROXY entry has a host, query or fragment",
    hint: "write a local proxy as file:///absolute/path",
  },
  {
    code: "M074_GOENV_E006",
    summary: "GOSUMDB is empty where a checksum database is needed",
    hint: "set GOSUMDB to sum.golang.org, to name+hash+key [url], or to off",
  },
  {
    code: "M074_GOENV_E007",
    summary: "GOSUMDB has more than two fields",
    hint: "write GOSUMDB as 'name', 'name+hash+key' or 'name+hash+key url'",
  },
  {
    code: "M074_GOENV_E008",
    summary: "the GOSUMDB key is not a well-formed verifier key",
    hint: "use the database's published verifier key: name+<8 hex digits>+<base64 key>",
  },
  {
    code: "M074_GOENV_E009",
    summary: "the GOSUMDB key uses an unknown signature algorithm",
    hint: "use an Ed25519 verifier key (its decoded key starts with the byte 0x01)",
  },
  {
    code: "M074_GOENV_E010",
    summary: "the checksum database name is not host[/path]",
    hint: "name the database by its host and optional path, without scheme, user, query or trailing '/'",
  },
  {
    code: "M074_GOENV_E011",
    summary: "the GOSUMDB URL is not a valid http, https or file URL",
    hint: "write the database URL in full, e.g. https://sum.golang.google.cn",
  },
  {
    code: "M074_GOENV_E012",
    summary: "a GOFLAGS word is not a flag",
    hint: "write GOFLAGS as space-separated -flag or -flag=value words",
  },
  {
    code: "M074_GOENV_E013",
    summary: "GOFLAGS sets -mod to an unknown mode",
    hint: "use -mod=mod, -mod=readonly or -mod=vendor",
  },
  {
    code: "M074_GOENV_E014",
    summary: "GOVCS has an empty entry",
    hint: "remove the stray comma from GOVCS",
  },
  {
    code: "M074_GOENV_E015",
    summary: "a GOVCS entry has no ':'",
    hint: "write each GOVCS entry as pattern:vcs|vcs",
  },
  {
    code: "M074_GOENV_E016",
    summary: "a GOVCS entry has an empty pattern",
    hint: "start each GOVCS entry with a path glob, 'public' or 'private'",
  },
  {
    code: "M074_GOENV_E017",
    summary: "a GOVCS entry has an empty VCS list",
    hint: "list VCS names after ':' (git|hg), or write all or off",
  },
  {
    code: "M074_GOENV_E018",
    summary: "a GOVCS pattern is a relative path",
    hint: "use module path globs, not ./ or ../ paths",
  },
  {
    code: "M074_GOENV_E019",
    summary: "a GOVCS pattern repeats an earlier one and can never match",
    hint: "remove the repeated pattern",
  },
  {
    code: "M074_GOENV_E020",
    summary: "a GOVCS entry has an empty VCS name",
    hint: "remove the stray '|' from the VCS list",
  },
  {
    code: "M074_GOENV_E021",
    summary: "GOVCS does not allow this version control system for this path",
    hint: "allow the VCS in GOVCS (e.g. GOVCS=example.com:git), or mark the path private in GOPRIVATE",
  },
  // end core/src/go/goenv.ts
  // core/src/go/goproxy.ts (M074_GOPROXY_*)
  {
    code: "M074_GOPROXY_E001",
    summary: "a proxy's .info or @latest response is not a JSON object",
    hint: "check the proxy: .info must be JSON like {\"Version\":\"v1.2.3\",\"Time\":\"...\"}",
  },
  {
    code: "M074_GOPROXY_E002",
    summary: "a proxy's .info response has no Version string",
    hint: "check the proxy: .info must carry a Version",
  },
  {
    code: "M074_GOPROXY_E003",
    summary: "a proxy's .info Version is not a canonical semantic version",
    hint: "check the proxy: Version must be canonical, like v1.2.3",
  },
  {
    code: "M074_GOPROXY_E004",
    summary: "a proxy's .info Time is not an RFC 3339 time",
    hint: "check the proxy: Time must look like 2006-01-02T15:04:05Z",
  },
  {
    code: "M074_GOPROXY_E005",
    summary: "a proxy answered .info for a different version than requested",
    hint: "the proxy is misbehaving; use another GOPROXY entry",
  },
  {
    code: "M074_GOPROXY_E006",
    summary: "a go.sum line does not have three fields",
    hint: "write go.sum lines as '<module> <version>[/go.mod] <hash>', or run go mod tidy",
  },
  {
    code: "M074_GOPROXY_E007",
    summary: "a go.sum h1: hash is not base64 of 32 bytes",
    hint: "regenerate go.sum (go mod tidy) instead of editing hashes by hand",
  },
  {
    code: "M074_GOPROXY_E008",
    summary: "module lookup is disabled: GOPROXY is off (or lists nothing)",
    hint: "set GOPROXY (e.g. https://proxy.golang.org,direct), or add the module to GONOPROXY/GOPRIVATE to fetch it directly",
  },
  // end core/src/go/goproxy.ts
  // core/src/go/vanity.ts (M074_VANITY_*)
  {
    code: "M074_VANITY_E001",
    summary: "the go-get=1 page is not parseable HTML before any go-import tag",
    hint: "fix the page's markup in the <head> (an unescaped '<', a broken tag or entity)",
  },
  {
    code: "M074_VANITY_E002",
    summary: "the go-get=1 page declares an unsupported XML version",
    hint: "serve HTML (or XML 1.0)",
  },
  {
    code: "M074_VANITY_E003",
    summary: "the go-get=1 page declares a charset other than UTF-8 or ASCII",
    hint: "serve the page in UTF-8",
  },
  {
    code: "M074_VANITY_E004",
    summary: "no go-import meta tag matches the import path",
    hint: "serve <meta name=\"go-import\" content=\"<prefix> <vcs> <repo-url>\"> with a prefix of the import path",
  },
  {
    code: "M074_VANITY_E005",
    summary: "several go-import meta tags match the import path",
    hint: "serve exactly one matching go-import tag (a mod tag may precede VCS tags)",
  },
  {
    code: "M074_VANITY_E006",
    summary: "a go-import repo URL does not parse as a URL",
    hint: "write the repository as a full URL such as https://host/repo",
  },
  {
    code: "M074_VANITY_E007",
    summary: "a go-import repo URL has no scheme",
    hint: "write the repository URL with its scheme, such as https://",
  },
  {
    code: "M074_VANITY_E008",
    summary: "a go-import repo URL uses the file scheme",
    hint: "serve the repository over https, ssh or another network scheme",
  },
  {
    code: "M074_VANITY_E009",
    summary: "a go-import tag names an unknown version control system",
    hint: "use one of: git, hg, svn, bzr, fossil, mod",
  },
  {
    code: "M074_VANITY_E010",
    summary: "the go-import tags of the import path and of its root prefix disagree",
    hint: "serve the same go-import tag at the import path and at its root",
  },
  {
    code: "M074_VANITY_E011",
    summary: "the import path does not begin with a host name",
    hint: "start the import path with a domain name containing a dot",
  },
  {
    code: "M074_VANITY_E012",
    summary: "an import path on a well-known code host does not have that host's form",
    hint: "write the path as <host>/<owner>/<repo>[/<package>] (for github.com, bitbucket.org, ...)",
  },
  {
    code: "M074_VANITY_E013",
    summary: "an import path on a well-known code host ends its repository name in a VCS suffix",
    hint: "drop the .git (or other VCS) suffix: github.com/owner/repo, not github.com/owner/repo.git",
  },
  // end core/src/go/vanity.ts
  // core/src/bridge/typeexpr.ts (M074_TYPEEXPR_*)
  {
    code: "M074_TYPEEXPR_E001",
    summary: "a Go type string ends in the middle of a type",
    hint: "the ApiSurface was cut short or edited by hand; ingest the module again",
  },
  {
    code: "M074_TYPEEXPR_E002",
    summary: "a Go type string has a token where another was expected",
    hint: "the string is not one go/types prints; ingest the module again with the matching go-ingest, or report the type string",
  },
  {
    code: "M074_TYPEEXPR_E003",
    summary: "a Go type string goes on after a complete type",
    hint: "a type string holds exactly one type; ingest the module again",
  },
  {
    code: "M074_TYPEEXPR_E004",
    summary: "a name in a Go type string is neither an identifier nor an import path followed by .Name",
    hint: "qualified names are written <full import path>.<Name>, e.g. gopkg.in/yaml.v3.Node",
  },
  {
    code: "M074_TYPEEXPR_E005",
    summary: "a struct tag in a Go type string is not a valid Go string literal",
    hint: "tags are printed by strconv.Quote; ingest the module again",
  },
  {
    code: "M074_TYPEEXPR_E006",
    summary: "an array length in a Go type string is not a canonical decimal below 2^53",
    hint: "array types are printed as [N]T with N in decimal; an array that large cannot be bound",
  },
  {
    code: "M074_TYPEEXPR_E007",
    summary: "a Go type string is `invalid type`: go/types could not type-check it",
    hint: "the package has type errors (see its `errors` in the ApiSurface); the item is skipped",
  },
  {
    code: "M074_TYPEEXPR_E008",
    summary: "an embedded struct field in a Go type string is not a type name or a pointer to one",
    hint: "embedded fields are written T or *T; ingest the module again",
  },
  {
    code: "M074_TYPEEXPR_E009",
    summary: "a `...` parameter in a Go type string is not the last parameter, or is a result",
    hint: "only the last parameter of a func can be variadic",
  },
  {
    code: "M074_TYPEEXPR_E010",
    summary: "a type parameter in a Go type string has type arguments",
    hint: "type parameters cannot be instantiated; check the type_params the string is parsed with",
  },
  // end core/src/bridge/typeexpr.ts
  // core/src/bridge/surface.ts (M074_SURFACE_*)
  {
    code: "M074_SURFACE_E001",
    summary: "an ApiSurface document is not valid JSON",
    hint: "the file is damaged or cut short; ingest the module again",
  },
  {
    code: "M074_SURFACE_E002",
    summary: "an ApiSurface document has a schema_version other than 1",
    hint: "this mochi-pkg reads ApiSurface schema_version 1; ingest the module again with this version's go-ingest",
  },
  {
    code: "M074_SURFACE_E003",
    summary: "an ApiSurface document has a value of the wrong shape",
    hint: "the JSON path in the message names the value; ingest the module again (docs/apisurface.md has the schema)",
  },
  {
    code: "M074_SURFACE_E004",
    summary: "an ApiSurface document lists the same package or item twice",
    hint: "names are unique per package (methods per type); ingest the module again",
  },
  // end core/src/bridge/surface.ts
  // host-node/src/go-ingest.ts (M074_INGEST_*)
  {
    code: "M074_INGEST_E001",
    summary: "the go command is not available to ingest a Go module",
    hint: "install Go 1.24 or newer (https://go.dev/dl/) and put `go` on PATH",
  },
  {
    code: "M074_INGEST_E002",
    summary: "building the go-ingest helper failed",
    hint: "run `npm run setup` once online (it downloads the helper's dependencies), or check the go command's output above",
  },
  {
    code: "M074_INGEST_E003",
    summary: "go-ingest could not download the module version",
    hint: "check the module path and version, and GOPROXY, GOSUMDB, GONOSUMDB and GOPRIVATE",
  },
  {
    code: "M074_INGEST_E004",
    summary: "go-ingest failed to load the module's packages",
    hint: "the go command's message above says why (often a dependency that cannot be resolved); fix the environment and ingest again",
  },
  {
    code: "M074_INGEST_E005",
    summary: "go-ingest described another module or version than asked",
    hint: "a dependency requires a newer version of the module; ingest that version instead",
  },
  {
    code: "M074_INGEST_E006",
    summary: "a module version to ingest is not canonical",
    hint: "give a canonical semantic version such as v1.2.0 (resolve queries like `latest` first)",
  },
  // end host-node/src/go-ingest.ts
] as const satisfies readonly ErrorSpec[];

export type ErrorCode = (typeof ERROR_REGISTRY)[number]["code"];

const BY_CODE: ReadonlyMap<string, ErrorSpec> = new Map(ERROR_REGISTRY.map((e) => [e.code, e]));

export function errorSpec(code: ErrorCode): ErrorSpec {
  const spec = BY_CODE.get(code);
  if (spec === undefined) throw new Error(`unregistered error code ${code}`);
  return spec;
}

export interface MochiErrorOptions {
  /** Where the problem is: a file:line:col, a URL, a zip entry, an argument name. */
  readonly where?: string;
  /** A hint more specific than the registry's. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * The error every mochi-pkg layer throws for bad input or a failed check.
 * Its message names the code, what was wrong, where, and what to do.
 */
export class MochiError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly where: string | undefined;
  readonly hint: string;

  constructor(code: ErrorCode, detail: string, options: MochiErrorOptions = {}) {
    const hint = options.hint ?? errorSpec(code).hint;
    const at = options.where === undefined ? "" : ` (at ${options.where})`;
    super(`${code}: ${detail}${at}\n  hint: ${hint}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MochiError";
    this.code = code;
    this.detail = detail;
    this.where = options.where;
    this.hint = hint;
  }
}

export function isMochiError(e: unknown, code?: ErrorCode): e is MochiError {
  return e instanceof MochiError && (code === undefined || e.code === code);
}
