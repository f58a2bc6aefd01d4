// The messages between the page (main.ts) and the worker that runs the core
// (worker.ts). The worker keeps the parsed surfaces, so the page sends only
// what changed: a source, an alias, a version to diff against.

import type { PlanStats, SkipItemKind } from "@mochi-pkg/core/bridge";

/** A corpus surface: the URL of its gzipped JSON in the site's assets. */
export interface CorpusSource {
  readonly kind: "corpus";
  readonly url: string;
  /** Its bytes, when the page already fetched them (the first preview: while the worker starts). */
  readonly bytes?: ArrayBuffer;
}

/** A surface the user pasted. */
export interface PasteSource {
  readonly kind: "paste";
  readonly text: string;
}

export type Source = CorpusSource | PasteSource;

export type Request =
  | { readonly type: "init"; readonly wasmBase: string }
  // alias: undefined for the alias suggested for the module (pipeline.ts suggestAlias).
  | { readonly type: "preview"; readonly id: number; readonly source: Source; readonly alias?: string }
  | { readonly type: "diff"; readonly id: number; readonly source: Source; readonly base: CorpusSource; readonly alias?: string };

export interface SkipGroupEntry {
  readonly item: string;
  readonly kind: SkipItemKind;
  readonly detail: string;
  readonly override: string;
  readonly position?: string;
  /** For items skipped because a type string did not parse: where in the pasted JSON. */
  readonly at?: ErrorPlace;
}

/** The skips of one reason, with what the reason means. */
export interface SkipGroup {
  readonly reason: string;
  readonly doc: string;
  readonly entries: readonly SkipGroupEntry[];
}

export interface Preview {
  readonly module: string;
  readonly version: string;
  readonly alias: string;
  readonly externName: string;
  readonly shimName: string;
  readonly externFile: string;
  readonly shimFile: string;
  /** SKIPPED.txt. */
  readonly skipped: string;
  /** Largest group first. */
  readonly skipGroups: readonly SkipGroup[];
  readonly stats: PlanStats;
  readonly items: number;
  /** Milliseconds spent in each step, for the status line. */
  readonly timings: Readonly<Record<string, number>>;
}

export interface WrapperPreview {
  /** The module's wrapper package, then the program files it shares with every other module. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
}

export interface Extras {
  readonly wrapper: WrapperPreview;
  readonly lockEntry: string;
}

/** Where a problem is in the pasted JSON. */
export interface ErrorPlace {
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

export interface ErrorInfo {
  readonly code: string;
  readonly detail: string;
  readonly where?: string;
  readonly hint: string;
  /** The input the error is about: the JSON document, the alias, or neither (a bug). */
  readonly input: "json" | "alias" | "other";
  readonly at?: ErrorPlace;
}

export type Response =
  | { readonly type: "preview"; readonly id: number; readonly preview: Preview }
  | { readonly type: "extras"; readonly id: number; readonly extras: Extras }
  | { readonly type: "diff"; readonly id: number; readonly text: string; readonly added: number; readonly removed: number; readonly changed: number }
  | { readonly type: "error"; readonly id: number; readonly phase: "preview" | "extras" | "diff"; readonly error: ErrorInfo };
