/// <reference types="vite/client" />
// The corpus catalogue the build embeds (vite.config.ts, corpusPlugin).
declare module "virtual:corpus" {
  export interface CorpusEntry {
    readonly module: string;
    readonly version: string;
    /** The gzipped surface, relative to the page. */
    readonly url: string;
    /** Size of the JSON and of its gzip. */
    readonly bytes: number;
    readonly gzBytes: number;
    readonly packages: number;
    readonly apiSurfaceSha256: string;
  }
  const entries: readonly CorpusEntry[];
  export default entries;
}
