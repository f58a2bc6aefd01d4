// mochi-pkg build: the same as sync.
import { runSync } from "./sync.js";

export const command = runSync(["build"], "the same as sync");
