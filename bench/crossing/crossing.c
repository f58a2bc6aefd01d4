/* The cost of a call through the generated wrapper next to a hand-written minimal cgo export in
   the same archive (bench/crossing.mjs builds both and passes the wrapper's symbols as WRAP_ADD
   and WRAP_HELLO). Prints one JSON object: median ns per call of each, over the rounds. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mochi.h"

/* The hand-written exports (package handmade of the bench's program). */
extern int64_t hand_add(int64_t a, int64_t b);
extern char* hand_hello(char* p, int64_t n, int64_t* out_len);

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

static double median(double* xs, int n) {
  qsort(xs, (size_t)n, sizeof *xs, cmp);
  return xs[n / 2];
}

int main(int argc, char** argv) {
  long calls = argc > 1 ? atol(argv[1]) : 1000000;
  int rounds = argc > 2 ? atoi(argv[2]) : 7;
  double wa[64], ha[64], ws[64], hs[64];
  if (rounds > 64) rounds = 64;
  mochi_str fault = {0};
  int64_t sink = 0;
  for (int r = 0; r < rounds; r++) {
    double t = now_ns();
    for (long i = 0; i < calls; i++) {
      int64_t out;
      if (WRAP_ADD(i, 1, &out, &fault) != MOCHI_OK) return 1;
      sink += out;
    }
    wa[r] = (now_ns() - t) / (double)calls;
    t = now_ns();
    for (long i = 0; i < calls; i++) sink += hand_add(i, 1);
    ha[r] = (now_ns() - t) / (double)calls;
    mochi_str name = {"world", 5};
    t = now_ns();
    for (long i = 0; i < calls; i++) {
      mochi_str out;
      void* mem;
      if (WRAP_HELLO(name, &out, &mem, &fault) != MOCHI_OK) return 1;
      sink += out.len;
      free(mem); /* the block is C's allocator's: free() as for the hand-written string */
    }
    ws[r] = (now_ns() - t) / (double)calls;
    t = now_ns();
    for (long i = 0; i < calls; i++) {
      int64_t len;
      char* s = hand_hello(name.ptr, name.len, &len);
      sink += len;
      free(s);
    }
    hs[r] = (now_ns() - t) / (double)calls;
  }
  printf("{\"calls\":%ld,\"rounds\":%d,\"add\":{\"wrapped\":%.2f,\"hand\":%.2f},\"string\":{\"wrapped\":%.2f,\"hand\":%.2f},\"sink\":%lld}\n", calls, rounds,
         median(wa, rounds), median(ha, rounds), median(ws, rounds), median(hs, rounds), (long long)sink);
  return 0;
}
