// Workspace inheritance: members take { workspace = true } values from the
// root's [workspace.*] tables; what the root does not define is E008.
import { describe, expect, it } from "vitest";
import { inheritFromWorkspace, parseManifest } from "../../core/src/manifest/index.js";
import { caught } from "./helpers.js";

const ROOT = parseManifest(`[workspace]
members = ["packages/*"]

[workspace.package]
version = "2.1.0"
license = "MIT"
authors = ["Ada"]

[workspace.dependencies]
"@mochi/json" = "^1.9"

[workspace.go-dependencies]
"github.com/google/uuid" = { version = "v1.6.0", build-tags = ["x"] }
`);

const MEMBER = parseManifest(`[package]
name = "@my/parser"
version = { workspace = true }
license.workspace = true
description = "own"

[dependencies]
"@mochi/json" = { workspace = true, optional = true }
"@mochi/strings" = "^0.4"

[go-dependencies]
"github.com/google/uuid" = { workspace = true }
`);

describe("inheritFromWorkspace", () => {
  it("fills inherited values from the root", () => {
    const m = inheritFromWorkspace(MEMBER, ROOT);
    expect(m.package).toStrictEqual({ version: "2.1.0", description: "own", license: "MIT", name: "@my/parser" });
    expect(m.dependencies).toStrictEqual(new Map([["@mochi/json", { version: "^1.9", optional: true }], ["@mochi/strings", { version: "^0.4" }]]));
    expect(m.goDependencies).toStrictEqual(new Map([["github.com/google/uuid", { version: "v1.6.0", buildTags: ["x"] }]]));
  });

  it("E008: no workspace root, or the root lacks the value", () => {
    const none = caught(() => inheritFromWorkspace(MEMBER, undefined, { memberFile: "packages/parser/mochi.toml" }));
    expect(none).toMatchObject({ code: "M057_MANIFEST_E008", where: "packages/parser/mochi.toml: package.license" });
    expect(none.detail).toBe("package.license inherits from the workspace, but there is no workspace root with a [workspace] table");
    const bare = parseManifest('[workspace]\nmembers = ["packages/*"]\n');
    expect(caught(() => inheritFromWorkspace(MEMBER, bare)).detail).toBe("package.license inherits from the workspace, but [workspace.package] of the workspace root does not define it");
    const noDeps = parseManifest('[workspace]\n[workspace.package]\nversion = "1.0.0"\nlicense = "MIT"\n');
    expect(caught(() => inheritFromWorkspace(MEMBER, noDeps))).toMatchObject({
      code: "M057_MANIFEST_E008",
      detail: 'dependencies."@mochi/json" inherits from the workspace, but [workspace.dependencies] of the workspace root does not define it',
    });
  });

  it("a manifest without inheritance is returned as is", () => {
    const plain = parseManifest('[package]\nname = "x"\nversion = "1.0.0"\n');
    expect(inheritFromWorkspace(plain, undefined)).toStrictEqual(plain);
  });
});
