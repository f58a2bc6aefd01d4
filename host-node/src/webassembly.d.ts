// @types/node 20 does not declare the WebAssembly global (lib.dom does), and
// the Node host must not pull in the DOM typings; these are the parts it uses.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  function compile(bytes: Uint8Array): Promise<Module>;
}
