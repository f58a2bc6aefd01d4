// @types/node 20 does not declare the WebAssembly global (lib.dom does), and
// the Node host must not pull in the DOM typings; these are the parts it uses.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, unknown>);
  }
  function compile(bytes: Uint8Array): Promise<Module>;
}
