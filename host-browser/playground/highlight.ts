// Syntax colouring of the code views: a few token classes per language, as
// HTML. It only wraps spans around the text, so the view's textContent stays
// the generated text byte for byte.

export type Lang = "mochi" | "go" | "c" | "toml" | "skipped" | "diff";

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const span = (cls: string, s: string): string => `<span class="t-${cls}">${escape(s)}</span>`;

interface Rule {
  readonly re: RegExp;
  /** Class per capture group, in order; the first group that matched decides. */
  readonly classes: readonly string[];
}

const MOCHI: Rule = {
  re: /(\/\/.*)|("(?:[^"\\\n]|\\.)*")|\b(import|go|as|extern|fun|type|let|var)\b|\b([A-Z][A-Za-z0-9_]*)\b|\b(int|float|string|bool|any|list|map|bytes)\b/g,
  classes: ["comment", "string", "keyword", "type", "builtin"],
};

const GO: Rule = {
  re: /(\/\/.*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|`[^`]*`)|\b(package|import|func|return|if|else|for|range|var|const|type|struct|interface|map|chan|defer|go|switch|case|default|break|continue|nil|true|false)\b|\b([A-Z][A-Za-z0-9_]*)\b/g,
  classes: ["comment", "string", "keyword", "type"],
};

const C: Rule = {
  re: /(\/\/.*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*")|^(#\s*\w+)|\b(typedef|struct|const|void|char|int|unsigned|return|extern)\b|\b(u?int(?:8|16|32|64)_t|size_t|double|float|bool)\b/gm,
  classes: ["comment", "string", "keyword", "keyword", "type"],
};

const TOML: Rule = {
  re: /(#.*)|("(?:[^"\\\n]|\\.)*")|^(\[\[?[^\]\n]*\]\]?)|^([A-Za-z0-9_-]+)(?= =)|\b(true|false)\b/gm,
  classes: ["comment", "string", "keyword", "key", "builtin"],
};

const SKIPPED: Rule = {
  re: /^(SKIPPED:)(.*)$|^( {2}Reason:)(.*)$|^( {2}(?:Detail|Override):)/gm,
  classes: ["keyword", "type", "key", "string", "key"],
};

function byRule(text: string, rule: Rule): string {
  let out = "";
  let last = 0;
  rule.re.lastIndex = 0;
  for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
    if (m[0] === "") {
      rule.re.lastIndex++;
      continue;
    }
    out += escape(text.slice(last, m.index));
    for (let g = 1; g < m.length; g++) if (m[g] !== undefined) out += span(rule.classes[g - 1]!, m[g]!);
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

function diff(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const cls = line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("~") ? "chg" : line.startsWith("API diff") ? "keyword" : "";
      return cls === "" ? escape(line) : span(cls, line);
    })
    .join("\n");
}

export function highlight(text: string, lang: Lang): string {
  switch (lang) {
    case "mochi":
      return byRule(text, MOCHI);
    case "go":
      return byRule(text, GO);
    case "c":
      return byRule(text, C);
    case "toml":
      return byRule(text, TOML);
    case "skipped":
      return byRule(text, SKIPPED);
    case "diff":
      return diff(text);
  }
}
