// The exports of the kernels core module. build.mjs renames them to the
// canonical ABI names of the WIT interface mochi:core/hashing (wit/hashing.wit):
//   hasherNew      -> mochi:core/hashing@0.1.0#[constructor]hasher
//   hasherUpdate   -> mochi:core/hashing@0.1.0#[method]hasher.update
//   hasherFinish   -> mochi:core/hashing@0.1.0#[method]hasher.finish
//   hasherDrop     -> mochi:core/hashing@0.1.0#[dtor]hasher
//   digest         -> mochi:core/hashing@0.1.0#digest
//   leafHash       -> mochi:core/hashing@0.1.0#rfc6962-leaf-hash
//   nodeHash       -> mochi:core/hashing@0.1.0#rfc6962-node-hash
//   cabiRealloc    -> cabi_realloc

import { allocSlot, freeSlot, resetArena, RET, OUT, SLOT_SIZE } from "./memory";
import { sha256Init, sha256Update, sha256Finish } from "./sha256";
import { blake3Init, blake3Update, blake3Finish } from "./blake3";

export { cabiRealloc } from "./memory";

// enum algorithm, in WIT order.
const SHA256: u32 = 0;
const BLAKE3: u32 = 1;
// enum hash-error, in WIT order.
const ERR_FINISHED: u8 = 0;
const ERR_BAD_CHILD_LENGTH: u8 = 1;

// Slot header: algorithm (u32) at 0, finished flag (u32) at 4.
const ALG: usize = 0;
const FINISHED: usize = 4;

/** A slot for one-shot calls, never handed out as a resource. */
const SCRATCH: usize = memory.data(<i32>SLOT_SIZE, 16);
const NODE_PREFIX: usize = memory.data<u8>([0x01]);
const LEAF_PREFIX: usize = memory.data<u8>([0x00]);

@external("[export]mochi:core/hashing@0.1.0", "[resource-new]hasher")
declare function resourceNew(rep: u32): u32;

function init(s: usize, alg: u32): void {
  store<u32>(s + ALG, alg);
  store<u32>(s + FINISHED, 0);
  if (alg == SHA256) sha256Init(s); else blake3Init(s);
}

function update(s: usize, p: usize, len: usize): void {
  if (load<u32>(s + ALG) == SHA256) sha256Update(s, p, len); else blake3Update(s, p, len);
}

function finish(s: usize): void {
  if (load<u32>(s + ALG) == SHA256) sha256Finish(s, OUT); else blake3Finish(s, OUT);
  store<u32>(s + FINISHED, 1);
}

/** Writes a list<u8> of the 32-byte digest in OUT to the return area. */
function returnDigest(at: usize): void {
  store<u32>(at, <u32>OUT);
  store<u32>(at, 32, 4);
}

export function hasherNew(alg: u32): u32 {
  if (alg != SHA256 && alg != BLAKE3) unreachable();
  const s = allocSlot();
  init(s, alg);
  return resourceNew(<u32>s);
}

/** -> result<_, hash-error>: discriminant byte at RET, error byte at RET+1. */
export function hasherUpdate(s: usize, p: usize, len: usize): usize {
  if (load<u32>(s + FINISHED) != 0) {
    store<u8>(RET, 1);
    store<u8>(RET, ERR_FINISHED, 1);
  } else {
    update(s, p, len);
    store<u8>(RET, 0);
  }
  resetArena();
  return RET;
}

/** -> result<list<u8>, hash-error>: discriminant at RET, payload at RET+4. */
export function hasherFinish(s: usize): usize {
  if (load<u32>(s + FINISHED) != 0) {
    store<u8>(RET, 1);
    store<u8>(RET, ERR_FINISHED, 4);
    return RET;
  }
  finish(s);
  store<u8>(RET, 0);
  returnDigest(RET + 4);
  return RET;
}

export function hasherDrop(s: usize): void {
  freeSlot(s);
}

export function digest(alg: u32, p: usize, len: usize): usize {
  init(SCRATCH, alg);
  update(SCRATCH, p, len);
  finish(SCRATCH);
  resetArena();
  returnDigest(RET);
  return RET;
}

export function leafHash(p: usize, len: usize): usize {
  init(SCRATCH, SHA256);
  update(SCRATCH, LEAF_PREFIX, 1);
  update(SCRATCH, p, len);
  finish(SCRATCH);
  resetArena();
  returnDigest(RET);
  return RET;
}

export function nodeHash(lp: usize, llen: usize, rp: usize, rlen: usize): usize {
  if (llen != 32 || rlen != 32) {
    store<u8>(RET, 1);
    store<u8>(RET, ERR_BAD_CHILD_LENGTH, 4);
  } else {
    init(SCRATCH, SHA256);
    update(SCRATCH, NODE_PREFIX, 1);
    update(SCRATCH, lp, 32);
    update(SCRATCH, rp, 32);
    finish(SCRATCH);
    store<u8>(RET, 0);
    returnDigest(RET + 4);
  }
  resetArena();
  return RET;
}
