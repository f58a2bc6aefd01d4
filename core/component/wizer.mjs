#!/usr/bin/env node
// A deterministic stand-in for wizer, the pre-initializer componentize-js
// runs on the SpiderMonkey embedding (componentize-js's `wizerBin` option;
// build.mjs passes this file). wizer gives the engine real WASI during its
// initialisation: true randomness (hash seeds) and the clock, which end up
// in the memory snapshot, and componentize-js's random work directory, so
// two builds of the same source differ in millions of bytes. This does what
// wizer does for this module, with WASI's random_get and clocks fixed:
//
//   1. export every defined global and the memory under private names;
//   2. instantiate in Node with WASI preview1 (node:wasi), preopens and
//      stdin as wizer's arguments say; any other import traps;
//   3. call `_initialize` if exported, then the init function;
//   4. write the original module back with the globals' initial values,
//      the memory's size and its contents (as active data segments, runs
//      of zeros left out) taken from the instance; the init function and
//      `_initialize` are no longer exported.
//
// Accepts the arguments componentize-js 0.23 passes: --allow-wasi,
// --init-func NAME, --dir=DIR, --mapdir=GUEST::HOST, --wasm-bulk-memory=true,
// --inherit-env=true, -o=OUT, INPUT. The work directory's random name is
// mapped to a fixed guest path (and rewritten in the stdin arguments).
import { readFileSync, writeFileSync } from "node:fs";
import { WASI } from "node:wasi";

const SECTION = { custom: 0, import: 2, memory: 5, global: 6, export: 7, start: 8, data: 11, datacount: 12 };
const EXPORT_KIND = { func: 0, memory: 2, global: 3 };
/** The guest path the work directory is mapped to, whatever its host path. */
const SOURCES_GUEST_DIR = "/componentize-sources";
/** Runs of zeros shorter than this stay inside a data segment (fewer segments). */
const MERGE_GAP = 32;

// ---------------------------------------------------------------- binary helpers

class Reader {
  constructor(bytes, at = 0) {
    this.b = bytes;
    this.p = at;
  }
  byte() {
    return this.b[this.p++];
  }
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const x = this.b[this.p++];
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
      shift += 7;
    }
  }
  bytes(n) {
    const out = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return out;
  }
  name() {
    return new TextDecoder().decode(this.bytes(this.u32()));
  }
  /** Skips a constant expression up to and including its `end`. */
  skipConstExpr() {
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42) this.signed();
      else if (op === 0x43) this.p += 4;
      else if (op === 0x44) this.p += 8;
      else if (op === 0x23 || op === 0xd2) this.u32();
      else if (op === 0xd0) this.byte();
      else throw new Error(`wizer.mjs: unsupported opcode 0x${op.toString(16)} in a constant expression`);
    }
  }
  signed() {
    let x;
    do x = this.b[this.p++];
    while (x & 0x80);
  }
  limits() {
    const flags = this.byte();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : undefined;
    return { flags, min, max };
  }
}

function u32(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function s64(v) {
  // Signed LEB128 of a bigint.
  const out = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const encodeName = (s) => {
  const b = new TextEncoder().encode(s);
  return [...u32(b.length), ...b];
};

function sections(bytes) {
  const r = new Reader(bytes, 8);
  const out = [];
  while (r.p < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    out.push({ id, body: r.bytes(size) });
  }
  return out;
}

function assemble(header, list) {
  const parts = [header];
  for (const s of list) parts.push(Uint8Array.from([s.id, ...u32(s.body.length)]), s.body);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------- the module's shape

function importedCounts(list) {
  const counts = { global: 0, memory: 0 };
  const s = list.find((x) => x.id === SECTION.import);
  if (s === undefined) return counts;
  const r = new Reader(s.body);
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = r.byte();
    if (kind === 0) r.u32();
    else if (kind === 1) {
      r.byte();
      r.limits();
    } else if (kind === 2) {
      r.limits();
      counts.memory++;
    } else if (kind === 3) {
      r.byte();
      r.byte();
      counts.global++;
    } else throw new Error(`wizer.mjs: unsupported import kind ${kind}`);
  }
  return counts;
}

function definedGlobals(list) {
  const s = list.find((x) => x.id === SECTION.global);
  if (s === undefined) return [];
  const r = new Reader(s.body);
  const globals = [];
  for (let n = r.u32(); n > 0; n--) {
    const type = r.byte();
    const mutable = r.byte();
    r.skipConstExpr();
    globals.push({ type, mutable });
  }
  return globals;
}

function readExports(body) {
  const r = new Reader(body);
  const out = [];
  for (let n = r.u32(); n > 0; n--) out.push({ name: r.name(), kind: r.byte(), index: r.u32() });
  return out;
}

function exportSection(exports) {
  return Uint8Array.from([...u32(exports.length), ...exports.flatMap((e) => [...encodeName(e.name), e.kind, ...u32(e.index)])]);
}

// ---------------------------------------------------------------- steps

function instrument(list, globals, importedGlobals) {
  const ex = list.find((x) => x.id === SECTION.export);
  const exports = readExports(ex.body);
  const added = [...globals.map((_, i) => ({ name: `__wizer_global_${i}`, kind: EXPORT_KIND.global, index: importedGlobals + i })), { name: "__wizer_memory", kind: EXPORT_KIND.memory, index: 0 }];
  return list.map((s) => (s === ex ? { id: s.id, body: exportSection([...exports, ...added]) } : s));
}

/** A fixed stream for random_get: SplitMix64 from a constant seed. */
function deterministicRandom() {
  let state = 0x6d6f636869n; // "mochi"
  return (buf) => {
    for (let i = 0; i < buf.length; i++) {
      state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
      let z = state;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
      buf[i] = Number((z ^ (z >> 31n)) & 0xffn);
    }
  };
}

function wasiImports(wasi, getMemory) {
  const random = deterministicRandom();
  const view = () => new DataView(getMemory().buffer);
  return {
    ...wasi.wasiImport,
    random_get(ptr, len) {
      random(new Uint8Array(getMemory().buffer, ptr, len));
      return 0;
    },
    // Time stands still at the epoch: nothing of the build's moment gets into the snapshot.
    clock_time_get(_id, _precision, out) {
      view().setBigUint64(out, 0n, true);
      return 0;
    },
    clock_res_get(_id, out) {
      view().setBigUint64(out, 1000n, true);
      return 0;
    },
  };
}

function snapshotData(memory) {
  const segments = [];
  let i = 0;
  while (i < memory.length) {
    if (memory[i] === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    while (end < memory.length) {
      while (end < memory.length && memory[end] !== 0) end++;
      let gap = end;
      while (gap < memory.length && memory[gap] === 0 && gap - end < MERGE_GAP) gap++;
      if (gap < memory.length && memory[gap] !== 0 && gap - end < MERGE_GAP) end = gap;
      else break;
    }
    segments.push({ offset: start, bytes: memory.subarray(start, end) });
    i = end;
  }
  return segments;
}

function constExpr(type, value) {
  switch (type) {
    case 0x7f:
      return [0x41, ...s64(BigInt(value))];
    case 0x7e:
      return [0x42, ...s64(BigInt(value))];
    case 0x7d: {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setFloat32(0, value, true);
      return [0x43, ...b];
    }
    case 0x7c: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, value, true);
      return [0x44, ...b];
    }
    default:
      throw new Error(`wizer.mjs: cannot snapshot a global of type 0x${type.toString(16)}`);
  }
}

function rewrite(list, { globals, values, pages, segments, initFunc }) {
  const out = [];
  for (const s of list) {
    if (s.id === SECTION.memory) {
      const r = new Reader(s.body);
      if (r.u32() !== 1) throw new Error("wizer.mjs: one memory expected");
      const { flags, max } = r.limits();
      out.push({ id: s.id, body: Uint8Array.from([1, flags, ...u32(pages), ...(flags & 1 ? u32(max) : [])]) });
    } else if (s.id === SECTION.global) {
      const body = [...u32(globals.length)];
      globals.forEach((g, i) => body.push(g.type, g.mutable, ...constExpr(g.type, values[i]), 0x0b));
      out.push({ id: s.id, body: Uint8Array.from(body) });
    } else if (s.id === SECTION.export) {
      const kept = readExports(s.body).filter((e) => e.name !== initFunc && e.name !== "_initialize");
      out.push({ id: s.id, body: exportSection(kept) });
    } else if (s.id === SECTION.datacount) {
      out.push({ id: s.id, body: Uint8Array.from(u32(segments.length)) });
    } else if (s.id === SECTION.data) {
      const parts = [Uint8Array.from(u32(segments.length))];
      for (const seg of segments) parts.push(Uint8Array.from([0x00, 0x41, ...s64(BigInt(seg.offset | 0)), 0x0b, ...u32(seg.bytes.length)]), seg.bytes);
      const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        body.set(p, at);
        at += p.length;
      }
      out.push({ id: s.id, body });
    } else {
      out.push(s);
    }
  }
  return out;
}

function checkShape(list, counts) {
  if (counts.memory !== 0) throw new Error("wizer.mjs: an imported memory cannot be snapshotted");
  if (counts.global !== 0) throw new Error("wizer.mjs: imported globals are not supported");
  if (list.some((s) => s.id === SECTION.start)) throw new Error("wizer.mjs: a start function is not supported");
  const data = list.find((s) => s.id === SECTION.data);
  if (data !== undefined) {
    const r = new Reader(data.body);
    for (let n = r.u32(); n > 0; n--) {
      const kind = r.u32();
      if (kind !== 0) throw new Error("wizer.mjs: passive or explicit-memory data segments are not supported");
      r.skipConstExpr();
      r.bytes(r.u32());
    }
  }
}

// ---------------------------------------------------------------- main

function parseArgs(argv) {
  const opts = { initFunc: "wizer.initialize", dirs: [], maps: [], out: undefined, input: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--init-func" || a === "-f") opts.initFunc = argv[++i];
    else if (a.startsWith("--init-func=")) opts.initFunc = a.slice("--init-func=".length);
    else if (a.startsWith("--dir=")) opts.dirs.push(a.slice("--dir=".length));
    else if (a.startsWith("--mapdir=")) {
      const [guest, host] = a.slice("--mapdir=".length).split("::");
      opts.maps.push({ guest, host });
    } else if (a.startsWith("-o=")) opts.out = a.slice(3);
    else if (a === "-o") opts.out = argv[++i];
    else if (a === "--allow-wasi" || a.startsWith("--wasm-bulk-memory") || a.startsWith("--inherit-env") || a.startsWith("--inherit-stdio")) continue;
    else if (a.startsWith("-")) throw new Error(`wizer.mjs: unsupported option ${a}`);
    else opts.input = a;
  }
  if (opts.out === undefined || opts.input === undefined) throw new Error("wizer.mjs: usage: wizer.mjs [options] -o=OUT INPUT");
  return opts;
}

export async function preinitialize(argv, stdin) {
  const opts = parseArgs(argv);
  const original = readFileSync(opts.input);
  const list = sections(original);
  const counts = importedCounts(list);
  checkShape(list, counts);
  const globals = definedGlobals(list);
  const module = await WebAssembly.compile(assemble(original.subarray(0, 8), instrument(list, globals, counts.global)));

  // The random work directory becomes one fixed guest path, in the preopens and in the arguments on stdin.
  const preopens = {};
  let input = stdin;
  opts.dirs.forEach((dir, i) => {
    const guest = i === 0 ? SOURCES_GUEST_DIR : `${SOURCES_GUEST_DIR}-${i}`;
    preopens[guest] = dir;
    input = input.replaceAll(dir, guest);
  });
  for (const m of opts.maps) preopens[m.guest] = m.host;
  const stdinFile = `${opts.out}.stdin`;
  writeFileSync(stdinFile, input);
  const { openSync, closeSync, rmSync } = await import("node:fs");
  const stdinFd = openSync(stdinFile, "r");
  try {
    const wasi = new WASI({ version: "preview1", args: [], env: { ...process.env }, preopens, stdin: stdinFd, returnOnExit: true });
    let memory;
    const imports = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      imports[imp.module] ??= {};
      if (imp.module === "wasi_snapshot_preview1") continue;
      if (imp.kind !== "function") throw new Error(`wizer.mjs: import ${imp.module}.${imp.name} is a ${imp.kind}`);
      imports[imp.module][imp.name] = () => {
        throw new Error(`wizer.mjs: ${imp.module}.${imp.name} was called during initialisation`);
      };
    }
    imports.wasi_snapshot_preview1 = wasiImports(wasi, () => memory);
    const instance = await WebAssembly.instantiate(module, imports);
    memory = instance.exports.__wizer_memory;
    // node:wasi needs the instance's memory; start() would call _start, so hand it over the way initialize() does.
    wasi.initialize({ exports: { memory, ...(instance.exports._initialize ? { _initialize: instance.exports._initialize } : {}) } });
    const init = instance.exports[opts.initFunc];
    if (typeof init !== "function") throw new Error(`wizer.mjs: the module exports no function ${opts.initFunc}`);
    init();
    const values = globals.map((_, i) => instance.exports[`__wizer_global_${i}`].value);
    const bytes = new Uint8Array(memory.buffer);
    const result = rewrite(list, { globals, values, pages: bytes.length / 65536, segments: snapshotData(bytes), initFunc: opts.initFunc });
    writeFileSync(opts.out, assemble(original.subarray(0, 8), result));
  } finally {
    closeSync(stdinFd);
    rmSync(stdinFile, { force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  try {
    await preinitialize(process.argv.slice(2), readFileSync(0, "utf8"));
  } catch (e) {
    console.error(String(e?.stack ?? e));
    process.exit(1);
  }
}
