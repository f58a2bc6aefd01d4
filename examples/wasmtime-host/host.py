#!/usr/bin/env python3
"""Runs the mochi-pkg core component in wasmtime, from Python.

The component (core/dist/component/mochi-core.component.wasm, built by
`npm run build`) is the TypeScript core compiled to WebAssembly with the
hashing kernels composed in. It imports nothing, so an empty Linker
instantiates it. This host calls it through the component model:

  h1 ZIP                      the go.sum "h1:" hash of a module zip
  verify-inclusion JSON       a checksum-database record, checked against a signed tree head
  lock LOCKFILE               the canonical text of a mochi.lock
  externs SURFACE ALIAS DIR   the Mochi extern files and SKIPPED.txt of an ApiSurface JSON
  run JOB.json OUTDIR         several of the above, outputs written to OUTDIR (one compile)

Compiling the component takes a while (it embeds a JavaScript engine); the
compiled form is kept in --cache (default ~/.cache/mochi-pkg/wasmtime) and
reused while the component's bytes are unchanged.
"""

import argparse
import base64
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path

import wasmtime
from wasmtime import component as wc

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_COMPONENT = ROOT / "core" / "dist" / "component" / "mochi-core.component.wasm"
DEFAULT_CACHE = Path.home() / ".cache" / "mochi-pkg" / "wasmtime"
PACKAGE = "mochi:core/{}@0.1.0"


class CoreError(Exception):
    """The component's error record: a mochi-pkg error code and what was wrong."""

    def __init__(self, record):
        self.code = getattr(record, "code")
        self.detail = getattr(record, "detail")
        self.location = getattr(record, "location")
        self.hint = getattr(record, "hint")
        at = "" if self.location is None else f" (at {self.location})"
        super().__init__(f"{self.code}: {self.detail}{at}\n  hint: {self.hint}")


class Core:
    """The component's exported interfaces, called by WIT name: core.call("go-module", "hash-zip", data)."""

    def __init__(self, component_path, cache_dir):
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        component = self._load(Path(component_path), Path(cache_dir))
        self.instance = wc.Linker(self.engine).instantiate(self.store, component)
        self.funcs = {}

    def _load(self, path, cache_dir):
        data = path.read_bytes()
        # Compiled code is only good for the same component and the same wasmtime.
        key = hashlib.sha256(data + importlib.metadata.version("wasmtime").encode()).hexdigest()[:32]
        cached = cache_dir / f"mochi-core-{key}.cwasm"
        if cached.exists():
            try:
                return wc.Component.deserialize_file(self.engine, str(cached))
            except wasmtime.WasmtimeError:
                pass  # made by another wasmtime: compile again
        component = wc.Component(self.engine, data)
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_bytes(component.serialize())
        tmp.replace(cached)
        return component

    def call(self, interface, name, *args):
        key = (interface, name)
        if key not in self.funcs:
            iface = self.instance.get_export_index(self.store, PACKAGE.format(interface))
            if iface is None:
                raise KeyError(f"the component exports no interface {interface}")
            index = self.instance.get_export_index(self.store, name, iface)
            if index is None:
                raise KeyError(f"interface {interface} has no function {name}")
            self.funcs[key] = self.instance.get_func(self.store, index)
        result = self.funcs[key](self.store, *args)
        # A result<T, error> comes back as a Variant: ok carries T, err the error record.
        if isinstance(result, wc.Variant) and result.tag in ("ok", "err"):
            if result.tag == "err":
                raise CoreError(result.payload)
            return result.payload
        return result


def h1(core, zip_path):
    """dirhash.HashZip of a module zip, as go.sum records it."""
    return core.call("go-module", "hash-zip", Path(zip_path).read_bytes()) + "\n"


def verify_inclusion(core, job_path):
    """Opens the signed tree head, then checks the record's inclusion proof against its root."""
    job = json.loads(Path(job_path).read_text("utf-8"))
    note = core.call("checksum-db", "open-note", job["note"].encode("utf-8"), [job["verifier_key"]])
    tree = core.call("checksum-db", "parse-tree", getattr(note, "text"))
    leaf = core.call("checksum-db", "record-hash", job["record"].encode("utf-8"))
    proof = [base64.b64decode(h) for h in job["proof"]]
    size = getattr(tree, "size")
    root = getattr(tree, "hash")
    core.call("checksum-db", "check-record", proof, size, root, job["index"], leaf)
    signer = getattr(getattr(note, "sigs")[0], "name")
    return f"record {job['index']} is in tree {size} {base64.b64encode(root).decode()} signed by {signer}\n"


def canonical_lock(core, lock_path):
    """Parses a lockfile (any order, any formatting the reader accepts) and writes its canonical text."""
    path = Path(lock_path)
    lock = core.call("lockfile", "parse", path.read_bytes(), path.name)
    return core.call("lockfile", "write", lock)


class PlanOptions:
    """record plan-options of wit/bridge.wit (fields by their WIT names)."""

    def __init__(self, alias):
        setattr(self, "alias", alias)
        setattr(self, "version", None)
        setattr(self, "monomorphise", [])
        setattr(self, "allow-deprecated", wc.Variant("none"))
        setattr(self, "cgo", False)


def externs(core, surface_path, alias):
    """The bridged module's extern files and SKIPPED.txt: {file name: bytes}."""
    surface = Path(surface_path).read_text("utf-8")
    module = core.call("bridge", "bridge-module", surface, PlanOptions(alias))
    files = {getattr(f, "name"): bytes(getattr(f, "content")) for f in getattr(module, "extern-files")}
    files["SKIPPED.txt"] = getattr(module, "skip-report").encode("utf-8")
    return files


def run(core, job_path, out_dir):
    """Runs each task of a job file, writing its output under out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for task in json.loads(Path(job_path).read_text("utf-8"))["tasks"]:
        op = task["op"]
        if op == "h1":
            (out / task["out"]).write_text(h1(core, task["zip"]), "utf-8")
        elif op == "verify-inclusion":
            (out / task["out"]).write_text(verify_inclusion(core, task["job"]), "utf-8")
        elif op == "lock":
            (out / task["out"]).write_bytes(canonical_lock(core, task["lock"]).encode("utf-8"))
        elif op == "externs":
            target = out / task["out"]
            target.mkdir(parents=True, exist_ok=True)
            for name, data in externs(core, task["surface"], task["alias"]).items():
                (target / name).write_bytes(data)
        else:
            raise ValueError(f"unknown task {op!r}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--component", default=str(DEFAULT_COMPONENT))
    parser.add_argument("--cache", default=str(DEFAULT_CACHE))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("h1").add_argument("zip")
    sub.add_parser("verify-inclusion").add_argument("job")
    sub.add_parser("lock").add_argument("lockfile")
    p = sub.add_parser("externs")
    p.add_argument("surface")
    p.add_argument("alias")
    p.add_argument("out_dir")
    p = sub.add_parser("run")
    p.add_argument("job")
    p.add_argument("out_dir")
    args = parser.parse_args(argv)
    if not Path(args.component).exists():
        print(f"{args.component} does not exist: run `npm run build` in the repository first", file=sys.stderr)
        return 2
    core = Core(args.component, args.cache)
    try:
        if args.command == "h1":
            sys.stdout.write(h1(core, args.zip))
        elif args.command == "verify-inclusion":
            sys.stdout.write(verify_inclusion(core, args.job))
        elif args.command == "lock":
            sys.stdout.write(canonical_lock(core, args.lockfile))
        elif args.command == "externs":
            out = Path(args.out_dir)
            out.mkdir(parents=True, exist_ok=True)
            for name, data in externs(core, args.surface, args.alias).items():
                (out / name).write_bytes(data)
                print(out / name)
        else:
            run(core, args.job, args.out_dir)
    except CoreError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
