// Types of build.mjs for the tests (test/component/build.test.ts).
export declare const WORLD: string;
export declare const HASHING: string;
export declare const CORE_EXPORTS: readonly string[];
export declare const DISABLED_FEATURES: readonly string[];
export declare const ARTEFACTS: { readonly bundle: string; readonly coreJs: string; readonly composed: string; readonly name: string };
export declare function bundle(): Promise<string>;
export declare function checkImports(component: Uint8Array, allowed: readonly string[]): Promise<string>;
export declare function buildComponent(options?: { kernelsPath?: string }): Promise<{
  bundle: string;
  coreJs: Uint8Array;
  composed: Uint8Array;
  files: Record<string, Uint8Array>;
  timings: Record<string, number>;
}>;
export declare function writeComponent(outDir: string): Promise<Awaited<ReturnType<typeof buildComponent>>>;
