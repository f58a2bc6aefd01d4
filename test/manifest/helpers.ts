// Shared helpers of the manifest tests: positions of snippets and caught error codes.
import { isMochiError } from "../../core/src/errors.js";

/** file:line:column of the first occurrence of `needle` (plus `offset` characters). */
export function at(text: string, needle: string, offset = 0, file = "mochi.toml"): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`test setup: ${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, i + offset);
  const line = before.split("\n").length;
  return `${file}:${line}:${[...before.slice(before.lastIndexOf("\n") + 1)].length + 1}`;
}

export interface Caught {
  readonly code: string;
  readonly where: string | undefined;
  readonly detail: string;
  readonly message: string;
}

export function caught(run: () => unknown): Caught {
  try {
    run();
  } catch (e) {
    if (isMochiError(e)) return { code: e.code, where: e.where, detail: e.detail, message: e.message };
    throw e;
  }
  throw new Error("expected a MochiError, nothing was thrown");
}
