export declare const EXPORT_NAMES: Record<string, string>;
export declare function buildKernels(): Promise<{ core: Uint8Array; component: Uint8Array; files: Record<string, Uint8Array> }>;
export declare function writeKernels(outDir: string): Promise<{ core: Uint8Array; component: Uint8Array; files: Record<string, Uint8Array> }>;
