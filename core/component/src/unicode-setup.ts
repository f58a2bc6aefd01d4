// Gives the engine what the core needs and it lacks (normalize.ts). Imported
// first by entry.ts, so it runs before any core module.
import data from "virtual:mochi-unicode-data";
import { installNormalize } from "./normalize.js";

installNormalize(data);
