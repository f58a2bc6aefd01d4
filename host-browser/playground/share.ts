// The page's state in the URL fragment, so a link shows the same preview:
//
//   #m=<module>@<version>[&as=<alias>][&tab=<tab>][&diff=<version>]
//   #paste=<base64url of the deflated JSON>[&as=...][&tab=...][&diff=...]
//
// The fragment never reaches a server. Slashes and @ stay readable.

export const TABS = ["extern", "shim", "wrapper", "skipped", "lock", "diff"] as const;
export type Tab = (typeof TABS)[number];

export type StateSource =
  | { readonly kind: "corpus"; readonly module: string; readonly version: string }
  | { readonly kind: "paste"; readonly text: string };

export interface PageState {
  readonly source: StateSource;
  /** Undefined: the alias suggested for the module. */
  readonly alias?: string;
  readonly tab: Tab;
  /** The version the API diff compares with. */
  readonly diff?: string;
}

async function pipeBytes(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const readable = (s: string): string => encodeURIComponent(s).replace(/%2F/g, "/").replace(/%40/g, "@");

export async function encodeState(state: PageState): Promise<string> {
  const parts: string[] = [];
  if (state.source.kind === "corpus") {
    parts.push(`m=${readable(`${state.source.module}@${state.source.version}`)}`);
  } else {
    const deflated = await pipeBytes(new TextEncoder().encode(state.source.text), new CompressionStream("deflate-raw"));
    parts.push(`paste=${base64url(deflated)}`);
  }
  if (state.alias !== undefined) parts.push(`as=${readable(state.alias)}`);
  if (state.tab !== "extern") parts.push(`tab=${state.tab}`);
  if (state.diff !== undefined) parts.push(`diff=${readable(state.diff)}`);
  return `#${parts.join("&")}`;
}

/** The state of a fragment; undefined when it names no source. Throws on a corrupt paste. */
export async function decodeState(hash: string): Promise<PageState | undefined> {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const tabParam = q.get("tab");
  const tab: Tab = TABS.find((t) => t === tabParam) ?? "extern";
  const alias = q.get("as") ?? undefined;
  const diff = q.get("diff") ?? undefined;
  const rest = { tab, ...(alias === undefined ? {} : { alias }), ...(diff === undefined ? {} : { diff }) };
  const m = q.get("m");
  if (m !== null) {
    const at = m.lastIndexOf("@");
    if (at <= 0) return undefined;
    return { source: { kind: "corpus", module: m.slice(0, at), version: m.slice(at + 1) }, ...rest };
  }
  const paste = q.get("paste");
  if (paste !== null) {
    const bytes = await pipeBytes(unbase64url(paste), new DecompressionStream("deflate-raw"));
    return { source: { kind: "paste", text: new TextDecoder().decode(bytes) }, ...rest };
  }
  return undefined;
}
