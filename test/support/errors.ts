// Asserting on MochiError codes: the one helper every test uses.
import { expect } from "vitest";
import { MochiError } from "../../core/src/errors.js";

/** The code of the MochiError `f` throws, or undefined when it returns; any other error propagates. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof MochiError) return e.code;
    throw e;
  }
  return undefined;
}

/** Asserts that `run` throws a MochiError with `code`, and returns it. */
export function expectCode(run: () => unknown, code: string): MochiError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(MochiError);
  expect((caught as MochiError).code).toBe(code);
  return caught as MochiError;
}

/** The MochiError `f` throws (any other error propagates; returning is a test failure). */
export function thrown(f: () => unknown): MochiError {
  try {
    f();
  } catch (e) {
    if (e instanceof MochiError) return e;
    throw e;
  }
  throw new Error("expected a MochiError");
}
