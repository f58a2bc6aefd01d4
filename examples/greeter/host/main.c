/*
 * A C host program calling Go through the archive `mochi-pkg sync` built
 * (.mochi/go/build/libmochi.a and mochi.h): the part of a Mochi program's
 * runtime that talks to Go, written out by hand so the demo can run it.
 * Symbols are mochi_<h8>__<package>__<item>; h8 hashes the module path and
 * its major, so they stay the same across runs and machines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mochi.h"

static int failures = 0;

static void check(int ok, const char* what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) failures++;
}

static mochi_str str(const char* s) {
  mochi_str m = {(char*)s, (int64_t)strlen(s)};
  return m;
}

static int same(mochi_str got, const char* want) {
  return got.len == (int64_t)strlen(want) && memcmp(got.ptr, want, got.len) == 0;
}

int main(void) {
  mochi_str fault = {0};
  void* mem = NULL;

  /* greet.Hello: strings both ways; the result lives in mem. */
  mochi_str hello = {0};
  int32_t st = mochi_6f9339c6___0__Hello(str("Mochi"), &hello, &mem, &fault);
  printf("greet.Hello(\"Mochi\") = \"%.*s\"\n", (int)hello.len, hello.ptr);
  check(st == MOCHI_OK && same(hello, "Hello, Mochi!"), "greet.Hello");
  mochi_rt_free(mem);

  /* greet.Parse returns (*Greeter, error): a handle, then a method call through it. */
  mochi_handle greeter = 0, err = 0;
  st = mochi_6f9339c6___0__Parse(str("Hi"), &greeter, &err, &fault);
  check(st == MOCHI_OK && greeter != 0, "greet.Parse(\"Hi\") gives a Greeter handle");
  mochi_str greeting = {0};
  mem = NULL;
  st = mochi_6f9339c6___0__Greeter__Greet(greeter, str("Go"), &greeting, &mem, &fault);
  printf("greeter.Greet(\"Go\") = \"%.*s\"\n", (int)greeting.len, greeting.ptr);
  check(st == MOCHI_OK && same(greeting, "Hi, Go!"), "Greeter.Greet through the handle");
  mochi_rt_free(mem);
  mochi_rt_release(greeter, &fault);

  /* greet.Parse("  ") is Go's (nil, ErrEmpty): status MOCHI_ERROR and an error handle. */
  st = mochi_6f9339c6___0__Parse(str("  "), &greeter, &err, &fault);
  mochi_str message = {0};
  mem = NULL;
  mochi_rt_error_message(err, &message, &mem, &fault);
  printf("greet.Parse(\"  \") -> error \"%.*s\"\n", (int)message.len, message.ptr);
  check(st == MOCHI_ERROR && same(message, "greet: empty prefix"), "an error crosses as a status and a handle");
  mochi_rt_free(mem);
  mochi_rt_release(err, &fault);

  /* mathx.Sum[int64], the instance [go] monomorphise asked for. */
  int64_t xs[] = {1, 2, 3, 36};
  mochi_list list = {xs, 4};
  int64_t sum = 0;
  st = mochi_62e30cd0___0__Sum__int64(list, &sum, &fault);
  printf("mathx.Sum[int64]([1 2 3 36]) = %lld\n", (long long)sum);
  check(st == MOCHI_OK && sum == 42, "monomorphised generic Sum[int64]");

  /* mathx.Div by zero: Go's error value. */
  int64_t q = 0;
  st = mochi_62e30cd0___0__Div(1, 0, &q, &err, &fault);
  check(st == MOCHI_ERROR, "mathx.Div(1, 0) returns ErrDivideByZero");
  mochi_rt_release(err, &fault);

  /* mathx.Count(5): a receive-only channel, drained through its handle by a goroutine in Go. */
  mochi_handle ch = 0;
  st = mochi_62e30cd0___0__Count(5, &ch, &fault);
  int64_t total = 0, v = 0;
  uint8_t ok = 0;
  printf("mathx.Count(5) sends:");
  while (mochi_62e30cd0___0___1chan___u00003c_4chan_u000020int__recv(ch, &v, &ok, &fault) == MOCHI_OK && ok) {
    printf(" %lld", (long long)v);
    total += v;
  }
  printf("\n");
  check(st == MOCHI_OK && total == 10, "a channel round trip (0+1+2+3+4 = 10)");
  mochi_rt_release(ch, &fault);

  check(mochi_rt_handles_live() == 0, "every handle released");
  printf("%d passed, %d failed\n", 8 - failures, failures);
  return failures == 0 ? 0 : 1;
}
