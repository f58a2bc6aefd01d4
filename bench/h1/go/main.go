// Command h1bench measures the throughput of golang.org/x/mod's
// dirhash.HashZip, the h1: hash the go command records for a module zip,
// so that bench/h1.mjs can put mochi-pkg's h1 next to Go's on the same file
// in the same run.
//
//	usage: h1bench [-runs N] <module.zip>
//
// After one warm-up call it times N calls and prints one JSON object: the
// hash, the zip's size, the MB/s (10^6 bytes of zip per second) of every
// run and their median.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"time"

	"golang.org/x/mod/sumdb/dirhash"
)

type result struct {
	H1         string    `json:"h1"`
	Bytes      int64     `json:"bytes"`
	Runs       int       `json:"runs"`
	Rates      []float64 `json:"rates"`
	MedianMBps float64   `json:"medianMBps"`
	GoVersion  string    `json:"goVersion"`
}

func main() {
	runs := flag.Int("runs", 9, "timed runs after one warm-up")
	flag.Parse()
	if flag.NArg() != 1 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: h1bench [-runs N] <module.zip>")
		os.Exit(2)
	}
	zip := flag.Arg(0)
	info, err := os.Stat(zip)
	check(err)
	h1, err := dirhash.HashZip(zip, dirhash.Hash1)
	check(err)
	rates := make([]float64, 0, *runs)
	for i := 0; i < *runs; i++ {
		start := time.Now()
		got, err := dirhash.HashZip(zip, dirhash.Hash1)
		elapsed := time.Since(start)
		check(err)
		if got != h1 {
			check(fmt.Errorf("run %d hashed to %s, the warm-up to %s", i, got, h1))
		}
		rates = append(rates, float64(info.Size())/1e6/elapsed.Seconds())
	}
	check(json.NewEncoder(os.Stdout).Encode(result{
		H1: h1, Bytes: info.Size(), Runs: *runs, Rates: rates, MedianMBps: median(rates), GoVersion: runtime.Version(),
	}))
}

// median takes the middle of the sorted rates (the upper middle for an even count), as bench/h1.mjs does.
func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "h1bench:", err)
		os.Exit(1)
	}
}
