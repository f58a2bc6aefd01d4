// SHA-256 (FIPS 180-4), streaming. Blocks are compressed straight from the
// caller's memory when they are whole; only partial blocks are buffered.

const K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// State layout inside a hasher slot (offsets from the slot start; 0..7 are
// the slot's header).
const TOTAL: usize = 8; // u64 bytes hashed so far
const H: usize = 16; // 8 x u32 chaining state
const BUF: usize = 48; // 64-byte partial block
const BUFLEN: usize = 112; // u32

@inline function bigSigma0(x: u32): u32 { return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22); }
@inline function bigSigma1(x: u32): u32 { return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25); }
@inline function ch(x: u32, y: u32, z: u32): u32 { return z ^ (x & (y ^ z)); }
@inline function maj(x: u32, y: u32, z: u32): u32 { return (x & y) | (z & (x | y)); }
@inline function k(i: usize): u32 { return load<u32>(K + (i << 2)); }
@inline function sigma0(x: u32): u32 { return rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3); }
@inline function sigma1(x: u32): u32 { return rotr<u32>(x, 17) ^ rotr<u32>(x, 19) ^ (x >>> 10); }

function compress(h: usize, block: usize): void {
  // The message schedule lives in sixteen locals: before each group of
  // sixteen rounds after the first, w[j] is replaced by
  // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], in order, so
  // every operand is the old or the already-updated word it has to be.
  let w0 = bswap<u32>(load<u32>(block, 0)), w1 = bswap<u32>(load<u32>(block, 4));
  let w2 = bswap<u32>(load<u32>(block, 8)), w3 = bswap<u32>(load<u32>(block, 12));
  let w4 = bswap<u32>(load<u32>(block, 16)), w5 = bswap<u32>(load<u32>(block, 20));
  let w6 = bswap<u32>(load<u32>(block, 24)), w7 = bswap<u32>(load<u32>(block, 28));
  let w8 = bswap<u32>(load<u32>(block, 32)), w9 = bswap<u32>(load<u32>(block, 36));
  let w10 = bswap<u32>(load<u32>(block, 40)), w11 = bswap<u32>(load<u32>(block, 44));
  let w12 = bswap<u32>(load<u32>(block, 48)), w13 = bswap<u32>(load<u32>(block, 52));
  let w14 = bswap<u32>(load<u32>(block, 56)), w15 = bswap<u32>(load<u32>(block, 60));
  let a = load<u32>(h, 0), b = load<u32>(h, 4), c = load<u32>(h, 8), d = load<u32>(h, 12);
  let e = load<u32>(h, 16), f = load<u32>(h, 20), g = load<u32>(h, 24), hh = load<u32>(h, 28);
  // Instead of shifting a..h every round, the roles rotate through the
  // variables and line up again after eight rounds.
  let t: u32;
  for (let i: usize = 0; i < 64; i += 16) {
    if (i > 0) {
      w0 += sigma0(w1) + w9 + sigma1(w14);    w1 += sigma0(w2) + w10 + sigma1(w15);
      w2 += sigma0(w3) + w11 + sigma1(w0);    w3 += sigma0(w4) + w12 + sigma1(w1);
      w4 += sigma0(w5) + w13 + sigma1(w2);    w5 += sigma0(w6) + w14 + sigma1(w3);
      w6 += sigma0(w7) + w15 + sigma1(w4);    w7 += sigma0(w8) + w0 + sigma1(w5);
      w8 += sigma0(w9) + w1 + sigma1(w6);     w9 += sigma0(w10) + w2 + sigma1(w7);
      w10 += sigma0(w11) + w3 + sigma1(w8);   w11 += sigma0(w12) + w4 + sigma1(w9);
      w12 += sigma0(w13) + w5 + sigma1(w10);  w13 += sigma0(w14) + w6 + sigma1(w11);
      w14 += sigma0(w15) + w7 + sigma1(w12);  w15 += sigma0(w0) + w8 + sigma1(w13);
    }
    t = hh + bigSigma1(e) + ch(e, f, g) + k(i) + w0;          d += t; hh = t + bigSigma0(a) + maj(a, b, c);
    t = g + bigSigma1(d) + ch(d, e, f) + k(i + 1) + w1;       c += t; g = t + bigSigma0(hh) + maj(hh, a, b);
    t = f + bigSigma1(c) + ch(c, d, e) + k(i + 2) + w2;       b += t; f = t + bigSigma0(g) + maj(g, hh, a);
    t = e + bigSigma1(b) + ch(b, c, d) + k(i + 3) + w3;       a += t; e = t + bigSigma0(f) + maj(f, g, hh);
    t = d + bigSigma1(a) + ch(a, b, c) + k(i + 4) + w4;       hh += t; d = t + bigSigma0(e) + maj(e, f, g);
    t = c + bigSigma1(hh) + ch(hh, a, b) + k(i + 5) + w5;     g += t; c = t + bigSigma0(d) + maj(d, e, f);
    t = b + bigSigma1(g) + ch(g, hh, a) + k(i + 6) + w6;      f += t; b = t + bigSigma0(c) + maj(c, d, e);
    t = a + bigSigma1(f) + ch(f, g, hh) + k(i + 7) + w7;      e += t; a = t + bigSigma0(b) + maj(b, c, d);
    t = hh + bigSigma1(e) + ch(e, f, g) + k(i + 8) + w8;      d += t; hh = t + bigSigma0(a) + maj(a, b, c);
    t = g + bigSigma1(d) + ch(d, e, f) + k(i + 9) + w9;       c += t; g = t + bigSigma0(hh) + maj(hh, a, b);
    t = f + bigSigma1(c) + ch(c, d, e) + k(i + 10) + w10;     b += t; f = t + bigSigma0(g) + maj(g, hh, a);
    t = e + bigSigma1(b) + ch(b, c, d) + k(i + 11) + w11;     a += t; e = t + bigSigma0(f) + maj(f, g, hh);
    t = d + bigSigma1(a) + ch(a, b, c) + k(i + 12) + w12;     hh += t; d = t + bigSigma0(e) + maj(e, f, g);
    t = c + bigSigma1(hh) + ch(hh, a, b) + k(i + 13) + w13;   g += t; c = t + bigSigma0(d) + maj(d, e, f);
    t = b + bigSigma1(g) + ch(g, hh, a) + k(i + 14) + w14;    f += t; b = t + bigSigma0(c) + maj(c, d, e);
    t = a + bigSigma1(f) + ch(f, g, hh) + k(i + 15) + w15;    e += t; a = t + bigSigma0(b) + maj(b, c, d);
  }
  store<u32>(h, load<u32>(h, 0) + a, 0);
  store<u32>(h, load<u32>(h, 4) + b, 4);
  store<u32>(h, load<u32>(h, 8) + c, 8);
  store<u32>(h, load<u32>(h, 12) + d, 12);
  store<u32>(h, load<u32>(h, 16) + e, 16);
  store<u32>(h, load<u32>(h, 20) + f, 20);
  store<u32>(h, load<u32>(h, 24) + g, 24);
  store<u32>(h, load<u32>(h, 28) + hh, 28);
}

export function sha256Init(s: usize): void {
  store<u64>(s + TOTAL, 0);
  store<u32>(s + H, 0x6a09e667, 0);
  store<u32>(s + H, 0xbb67ae85, 4);
  store<u32>(s + H, 0x3c6ef372, 8);
  store<u32>(s + H, 0xa54ff53a, 12);
  store<u32>(s + H, 0x510e527f, 16);
  store<u32>(s + H, 0x9b05688c, 20);
  store<u32>(s + H, 0x1f83d9ab, 24);
  store<u32>(s + H, 0x5be0cd19, 28);
  store<u32>(s + BUFLEN, 0);
}

export function sha256Update(s: usize, p: usize, len: usize): void {
  store<u64>(s + TOTAL, load<u64>(s + TOTAL) + <u64>len);
  let n = <usize>load<u32>(s + BUFLEN);
  if (n > 0) {
    const take = len < 64 - n ? len : 64 - n;
    memory.copy(s + BUF + n, p, take);
    n += take; p += take; len -= take;
    if (n < 64) { store<u32>(s + BUFLEN, <u32>n); return; }
    compress(s + H, s + BUF);
    n = 0;
  }
  while (len >= 64) {
    compress(s + H, p);
    p += 64; len -= 64;
  }
  if (len > 0) memory.copy(s + BUF, p, len);
  store<u32>(s + BUFLEN, <u32>len);
}

/** Pads, compresses the last block(s) and writes the 32-byte digest to `out`. */
export function sha256Finish(s: usize, out: usize): void {
  const n = <usize>load<u32>(s + BUFLEN);
  const bits = load<u64>(s + TOTAL) << 3;
  store<u8>(s + BUF + n, 0x80);
  if (n + 1 > 56) {
    memory.fill(s + BUF + n + 1, 0, 63 - n);
    compress(s + H, s + BUF);
    memory.fill(s + BUF, 0, 56);
  } else {
    memory.fill(s + BUF + n + 1, 0, 55 - n);
  }
  store<u64>(s + BUF + 56, bswap<u64>(bits));
  compress(s + H, s + BUF);
  for (let i: usize = 0; i < 8; i++) {
    store<u32>(out + (i << 2), bswap<u32>(load<u32>(s + H + (i << 2))));
  }
}
