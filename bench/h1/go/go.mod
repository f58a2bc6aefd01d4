module mochi-pkg.dev/bench/h1

go 1.26.0

require golang.org/x/mod v0.42.0
