// Types of unicode.mjs for the tests (test/component/normalize.test.ts).
import type { NormalizationData } from "./src/normalize.js";

export declare function normalizationData(): NormalizationData;
export declare const UNICODE_DATA_MODULE: string;
export declare function expandPattern(pattern: string, bodies: Map<string, string>): string;
export declare function unicodePlugin(): object;
