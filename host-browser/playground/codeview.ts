// A read-only code view for texts up to a few MB (protobuf's extern file is
// about 1 MB, 25k lines): the text is cut into chunks of lines, each with its
// own line numbers, laid out only when near the screen (content-visibility),
// and coloured only when it first comes into view. The text stays in the
// DOM, so the browser's find and selection work over all of it; the chunks'
// texts concatenate to the exact text.

import { highlight, type Lang } from "./highlight.js";

const CHUNK_LINES = 300;

interface Chunk {
  readonly text: string;
  readonly firstLine: number;
  readonly lines: number;
}

function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let end = start;
    let n = 0;
    while (n < CHUNK_LINES && end < text.length) {
      const nl = text.indexOf("\n", end);
      end = nl === -1 ? text.length : nl + 1;
      n++;
    }
    out.push({ text: text.slice(start, end), firstLine: line, lines: n });
    start = end;
    line += n;
  }
  return out;
}

export class CodeView {
  readonly #inner: HTMLElement;
  readonly #observer: IntersectionObserver;
  readonly #lang = new WeakMap<Element, Lang>();
  #shown: { text: string; lang: Lang | undefined } | undefined;

  constructor(readonly root: HTMLElement) {
    this.#inner = document.createElement("div");
    this.#inner.className = "code-inner";
    root.replaceChildren(this.#inner);
    this.#observer = new IntersectionObserver((entries) => this.#colour(entries), { root, rootMargin: "600px 0px" });
  }

  /** Shows `text`, coloured as `lang`; without a language, as a plain message. */
  show(text: string, lang?: Lang): void {
    if (this.#shown !== undefined && this.#shown.text === text && this.#shown.lang === lang) return;
    this.#shown = { text, lang };
    this.#observer.disconnect();
    this.root.scrollTop = 0;
    this.root.scrollLeft = 0;
    if (lang === undefined) {
      const message = document.createElement("p");
      message.className = "message";
      message.textContent = text;
      this.#inner.replaceChildren(message);
      return;
    }
    const parts = chunks(text).map((c) => {
      const chunk = document.createElement("div");
      chunk.className = "chunk";
      chunk.style.containIntrinsicSize = `auto calc(${c.lines} * var(--code-line))`;
      const gutter = document.createElement("pre");
      gutter.className = "gutter";
      gutter.setAttribute("aria-hidden", "true");
      gutter.textContent = Array.from({ length: c.lines }, (_, i) => c.firstLine + i).join("\n");
      const code = document.createElement("pre");
      code.className = `text lang-${lang}`;
      code.textContent = c.text;
      this.#lang.set(code, lang);
      chunk.append(gutter, code);
      return chunk;
    });
    this.#inner.replaceChildren(...parts);
    for (const p of parts) this.#observer.observe(p);
  }

  #colour(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      this.#observer.unobserve(e.target);
      const code = e.target.lastElementChild!;
      const lang = this.#lang.get(code);
      if (lang !== undefined) code.innerHTML = highlight(code.textContent ?? "", lang);
    }
  }
}
