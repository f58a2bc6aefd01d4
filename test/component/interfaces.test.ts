// The loaded core component exports every interface of mochi:core, each with functions.
import { describe, expect, it } from "vitest";
import { CORE_INTERFACES, loadCoreComponent } from "../../host-node/src/core-component.js";

describe("core component interfaces", () => {
  it("exports every mochi:core interface", async () => {
    const core = await loadCoreComponent();
    for (const name of CORE_INTERFACES) {
      expect(typeof core[name], name).toBe("object");
      expect(Object.values(core[name]).some((f) => typeof f === "function"), name).toBe(true);
    }
  });
});
