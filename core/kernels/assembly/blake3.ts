// BLAKE3 (unkeyed hash mode, 32-byte output), streaming, following the
// structure of the BLAKE3 reference implementation: 1024-byte chunks of
// 64-byte blocks, chunk chaining values merged lazily through a stack so the
// last chunk is only finalised (CHUNK_END, maybe ROOT) once no more input can
// follow. Whole chunks are compressed straight from the caller's memory.

const CHUNK_START: u32 = 1;
const CHUNK_END: u32 = 2;
const PARENT: u32 = 4;
const ROOT: u32 = 8;

const IV0: u32 = 0x6a09e667; const IV1: u32 = 0xbb67ae85; const IV2: u32 = 0x3c6ef372; const IV3: u32 = 0xa54ff53a;
const IV4: u32 = 0x510e527f; const IV5: u32 = 0x9b05688c; const IV6: u32 = 0x1f83d9ab; const IV7: u32 = 0x5be0cd19;

// State layout inside a hasher slot (0..7 is the slot header).
const COUNTER: usize = 8; // u64 index of the current chunk
const CV: usize = 16; // 8 x u32 chaining value of the current chunk
const BLOCK: usize = 48; // 64-byte partial block
const BLOCK_LEN: usize = 112; // u32 bytes in BLOCK
const BLOCKS_DONE: usize = 116; // u32 blocks of this chunk already compressed
const STACK_LEN: usize = 120; // u32 entries on the chaining-value stack
const STACK: usize = 128; // 54 x 32 bytes: enough for 2^64 bytes of input

const PARENT_BLOCK: usize = memory.data(64, 16);
const KEY: usize = memory.data<u32>([IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7]);

/**
 * The compression function. Reads the chaining value at `cv` and the
 * little-endian message block at `block`, writes the first 8 words of the
 * output (the new chaining value, or the first 32 output bytes when ROOT is
 * set) to `out`, which may alias `cv`.
 */
function compress(cv: usize, block: usize, counter: u64, blockLen: u32, flags: u32, out: usize): void {
  let m0 = load<u32>(block, 0), m1 = load<u32>(block, 4), m2 = load<u32>(block, 8), m3 = load<u32>(block, 12);
  let m4 = load<u32>(block, 16), m5 = load<u32>(block, 20), m6 = load<u32>(block, 24), m7 = load<u32>(block, 28);
  let m8 = load<u32>(block, 32), m9 = load<u32>(block, 36), m10 = load<u32>(block, 40), m11 = load<u32>(block, 44);
  let m12 = load<u32>(block, 48), m13 = load<u32>(block, 52), m14 = load<u32>(block, 56), m15 = load<u32>(block, 60);
  let v0 = load<u32>(cv, 0), v1 = load<u32>(cv, 4), v2 = load<u32>(cv, 8), v3 = load<u32>(cv, 12);
  let v4 = load<u32>(cv, 16), v5 = load<u32>(cv, 20), v6 = load<u32>(cv, 24), v7 = load<u32>(cv, 28);
  let v8 = IV0, v9 = IV1, v10 = IV2, v11 = IV3;
  let v12 = <u32>counter, v13 = <u32>(counter >> 32), v14 = blockLen, v15 = flags;
  let t0: u32, t1: u32, t2: u32, t3: u32, t4: u32, t5: u32, t6: u32, t7: u32;
  let t8: u32, t9: u32, t10: u32, t11: u32, t12: u32, t13: u32, t14: u32, t15: u32;
  for (let round = 0; round < 7; round++) {
    // Columns: G(0,4,8,12) G(1,5,9,13) G(2,6,10,14) G(3,7,11,15).
    v0 += v4 + m0; v12 = rotr<u32>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u32>(v4 ^ v8, 12);
    v0 += v4 + m1; v12 = rotr<u32>(v12 ^ v0, 8); v8 += v12; v4 = rotr<u32>(v4 ^ v8, 7);
    v1 += v5 + m2; v13 = rotr<u32>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u32>(v5 ^ v9, 12);
    v1 += v5 + m3; v13 = rotr<u32>(v13 ^ v1, 8); v9 += v13; v5 = rotr<u32>(v5 ^ v9, 7);
    v2 += v6 + m4; v14 = rotr<u32>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u32>(v6 ^ v10, 12);
    v2 += v6 + m5; v14 = rotr<u32>(v14 ^ v2, 8); v10 += v14; v6 = rotr<u32>(v6 ^ v10, 7);
    v3 += v7 + m6; v15 = rotr<u32>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u32>(v7 ^ v11, 12);
    v3 += v7 + m7; v15 = rotr<u32>(v15 ^ v3, 8); v11 += v15; v7 = rotr<u32>(v7 ^ v11, 7);
    // Diagonals: G(0,5,10,15) G(1,6,11,12) G(2,7,8,13) G(3,4,9,14).
    v0 += v5 + m8; v15 = rotr<u32>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u32>(v5 ^ v10, 12);
    v0 += v5 + m9; v15 = rotr<u32>(v15 ^ v0, 8); v10 += v15; v5 = rotr<u32>(v5 ^ v10, 7);
    v1 += v6 + m10; v12 = rotr<u32>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u32>(v6 ^ v11, 12);
    v1 += v6 + m11; v12 = rotr<u32>(v12 ^ v1, 8); v11 += v12; v6 = rotr<u32>(v6 ^ v11, 7);
    v2 += v7 + m12; v13 = rotr<u32>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u32>(v7 ^ v8, 12);
    v2 += v7 + m13; v13 = rotr<u32>(v13 ^ v2, 8); v8 += v13; v7 = rotr<u32>(v7 ^ v8, 7);
    v3 += v4 + m14; v14 = rotr<u32>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u32>(v4 ^ v9, 12);
    v3 += v4 + m15; v14 = rotr<u32>(v14 ^ v3, 8); v9 += v14; v4 = rotr<u32>(v4 ^ v9, 7);
    // Message permutation [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8].
    t0 = m2; t1 = m6; t2 = m3; t3 = m10; t4 = m7; t5 = m0; t6 = m4; t7 = m13;
    t8 = m1; t9 = m11; t10 = m12; t11 = m5; t12 = m9; t13 = m14; t14 = m15; t15 = m8;
    m0 = t0; m1 = t1; m2 = t2; m3 = t3; m4 = t4; m5 = t5; m6 = t6; m7 = t7;
    m8 = t8; m9 = t9; m10 = t10; m11 = t11; m12 = t12; m13 = t13; m14 = t14; m15 = t15;
  }
  store<u32>(out, v0 ^ v8, 0); store<u32>(out, v1 ^ v9, 4);
  store<u32>(out, v2 ^ v10, 8); store<u32>(out, v3 ^ v11, 12);
  store<u32>(out, v4 ^ v12, 16); store<u32>(out, v5 ^ v13, 20);
  store<u32>(out, v6 ^ v14, 24); store<u32>(out, v7 ^ v15, 28);
}

@inline function startFlag(s: usize): u32 {
  return load<u32>(s + BLOCKS_DONE) == 0 ? CHUNK_START : 0;
}

function resetChunk(s: usize, counter: u64): void {
  store<u64>(s + COUNTER, counter);
  memory.copy(s + CV, KEY, 32);
  store<u32>(s + BLOCK_LEN, 0);
  store<u32>(s + BLOCKS_DONE, 0);
}

export function blake3Init(s: usize): void {
  resetChunk(s, 0);
  store<u32>(s + STACK_LEN, 0);
}

/** Pushes a finished chunk's chaining value, merging completed subtrees. */
function addChunkCv(s: usize, cv: usize, totalChunks: u64): void {
  let n = <usize>load<u32>(s + STACK_LEN);
  while ((totalChunks & 1) == 0) {
    n--;
    memory.copy(PARENT_BLOCK, s + STACK + (n << 5), 32);
    memory.copy(PARENT_BLOCK + 32, cv, 32);
    compress(KEY, PARENT_BLOCK, 0, 64, PARENT, cv);
    totalChunks >>= 1;
  }
  memory.copy(s + STACK + (n << 5), cv, 32);
  store<u32>(s + STACK_LEN, <u32>(n + 1));
}

@inline function chunkLen(s: usize): usize {
  return (<usize>load<u32>(s + BLOCKS_DONE) << 6) + <usize>load<u32>(s + BLOCK_LEN);
}

/** Closes the current (full) chunk and starts the next one. */
function finishChunk(s: usize): void {
  const counter = load<u64>(s + COUNTER);
  compress(s + CV, s + BLOCK, counter, load<u32>(s + BLOCK_LEN), startFlag(s) | CHUNK_END, s + CV);
  addChunkCv(s, s + CV, counter + 1);
  resetChunk(s, counter + 1);
}

export function blake3Update(s: usize, p: usize, len: usize): void {
  while (len > 0) {
    if (chunkLen(s) == 1024) finishChunk(s);
    // A whole chunk with more input behind it: hash it in place.
    if (chunkLen(s) == 0 && len > 1024) {
      const counter = load<u64>(s + COUNTER);
      compress(s + CV, p, counter, 64, CHUNK_START, s + CV);
      for (let i: usize = 1; i < 15; i++) compress(s + CV, p + (i << 6), counter, 64, 0, s + CV);
      compress(s + CV, p + 960, counter, 64, CHUNK_END, s + CV);
      addChunkCv(s, s + CV, counter + 1);
      resetChunk(s, counter + 1);
      p += 1024; len -= 1024;
      continue;
    }
    let blockLen = <usize>load<u32>(s + BLOCK_LEN);
    if (blockLen == 64) {
      compress(s + CV, s + BLOCK, load<u64>(s + COUNTER), 64, startFlag(s), s + CV);
      store<u32>(s + BLOCKS_DONE, load<u32>(s + BLOCKS_DONE) + 1);
      blockLen = 0;
    }
    // Whole blocks that are not the chunk's last, with more input behind
    // them, are compressed in place too.
    while (blockLen == 0 && len > 64 && load<u32>(s + BLOCKS_DONE) < 15) {
      compress(s + CV, p, load<u64>(s + COUNTER), 64, startFlag(s), s + CV);
      store<u32>(s + BLOCKS_DONE, load<u32>(s + BLOCKS_DONE) + 1);
      p += 64; len -= 64;
    }
    const take = len < 64 - blockLen ? len : 64 - blockLen;
    memory.copy(s + BLOCK + blockLen, p, take);
    store<u32>(s + BLOCK_LEN, <u32>(blockLen + take));
    p += take; len -= take;
  }
}

/** Finalises and writes the 32-byte digest to `out`. */
export function blake3Finish(s: usize, out: usize): void {
  const blockLen = load<u32>(s + BLOCK_LEN);
  memory.fill(s + BLOCK + blockLen, 0, 64 - blockLen);
  let n = <usize>load<u32>(s + STACK_LEN);
  const chunkFlags = startFlag(s) | CHUNK_END;
  if (n == 0) {
    compress(s + CV, s + BLOCK, load<u64>(s + COUNTER), blockLen, chunkFlags | ROOT, out);
    return;
  }
  // The last chunk's chaining value, then parents up the right edge; only the
  // topmost parent is the root.
  compress(s + CV, s + BLOCK, load<u64>(s + COUNTER), blockLen, chunkFlags, PARENT_BLOCK + 32);
  while (n > 0) {
    n--;
    memory.copy(PARENT_BLOCK, s + STACK + (n << 5), 32);
    if (n == 0) {
      compress(KEY, PARENT_BLOCK, 0, 64, PARENT | ROOT, out);
    } else {
      compress(KEY, PARENT_BLOCK, 0, 64, PARENT, PARENT_BLOCK + 32);
    }
  }
}

