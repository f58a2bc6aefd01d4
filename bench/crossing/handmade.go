// Package handmade is the baseline of bench/crossing.mjs: the smallest cgo
// exports that do what the wrapped calls do, written by hand.
package handmade

/*
#include <stdint.h>
#include <stdlib.h>
*/
import "C"

//export hand_add
func hand_add(a, b C.int64_t) C.int64_t { return a + b }

//export hand_hello
func hand_hello(p *C.char, n C.int64_t, outLen *C.int64_t) *C.char {
	s := "Hello, " + C.GoStringN(p, C.int(n)) + "!"
	*outLen = C.int64_t(len(s))
	return C.CString(s)
}
