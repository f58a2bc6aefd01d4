// Composes the core component with the kernels component into one component
// with no imports: what wac (`wac plug`) does, for the one shape we need.
// jco 1.35's API has no composition (its wasm-tools build offers parse,
// print, componentNew, componentEmbed, componentWit and metadata only), and
// neither wac nor wasm-tools is on the machine, so the few bytes of the outer
// component are written here, following the component model's binary format
// (component-model/design/mvp/Binary.md):
//
//   (component
//     (component $kernels ...)                       ;; nested, byte for byte
//     (component $core ...)                          ;; nested, byte for byte
//     (instance $k (instantiate $kernels))
//     (alias export $k "mochi:core/hashing@0.1.0" (instance $hashing))
//     (instance $c (instantiate $core (with "mochi:core/hashing@0.1.0" (instance $hashing))))
//     (alias export $c "<each export>" (instance ...))
//     (export "mochi:core/hashing@0.1.0" (instance $hashing))
//     (export "<each export>" (instance ...)))
//
// The nested components are copied unchanged, so the output is a pure
// function of the inputs. Validation is left to the consumers (jco
// transpile and wasmtime both validate the whole component on load).

const PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

const SECTION_COMPONENT = 4;
const SECTION_INSTANCE = 5;
const SECTION_ALIAS = 6;
const SECTION_EXPORT = 11;

const SORT_INSTANCE = 0x05;
const INSTANTIATE = 0x00;
const ALIAS_INSTANCE_EXPORT = 0x00;
const PLAIN_NAME = 0x00;
const NO_TYPE_ASCRIPTION = 0x00;

/** Unsigned LEB128. */
function u32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const encoder = new TextEncoder();

function name(s) {
  const bytes = encoder.encode(s);
  return [...u32(bytes.length), ...bytes];
}

function vec(items) {
  return [...u32(items.length), ...items.flat()];
}

function section(id, body) {
  return Uint8Array.from([id, ...u32(body.length), ...body]);
}

/**
 * The component that instantiates `kernels`, plugs its export `plug` into
 * the import of the same name of `core`, and exports `plug` and every name
 * in `coreExports` (instances exported by `core`).
 */
export function plug(kernels, core, plugName, coreExports) {
  // Instance indexes, in the order the sections below create them.
  const KERNELS = 0;
  const HASHING = 1;
  const CORE = 2;
  const firstExport = 3;
  const parts = [
    Uint8Array.from(PREAMBLE),
    Uint8Array.from([SECTION_COMPONENT, ...u32(kernels.length)]),
    kernels,
    Uint8Array.from([SECTION_COMPONENT, ...u32(core.length)]),
    core,
    section(SECTION_INSTANCE, vec([[INSTANTIATE, ...u32(0), ...vec([])]])),
    section(SECTION_ALIAS, vec([[SORT_INSTANCE, ALIAS_INSTANCE_EXPORT, ...u32(KERNELS), ...name(plugName)]])),
    section(SECTION_INSTANCE, vec([[INSTANTIATE, ...u32(1), ...vec([[...name(plugName), SORT_INSTANCE, ...u32(HASHING)]])]])),
    section(SECTION_ALIAS, vec(coreExports.map((n) => [SORT_INSTANCE, ALIAS_INSTANCE_EXPORT, ...u32(CORE), ...name(n)]))),
    section(
      SECTION_EXPORT,
      vec([
        [PLAIN_NAME, ...name(plugName), SORT_INSTANCE, ...u32(HASHING), NO_TYPE_ASCRIPTION],
        ...coreExports.map((n, i) => [PLAIN_NAME, ...name(n), SORT_INSTANCE, ...u32(firstExport + i), NO_TYPE_ASCRIPTION]),
      ]),
    ),
  ];
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
