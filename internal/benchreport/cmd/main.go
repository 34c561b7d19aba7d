// Command benchreport passes `go test -bench` output through unchanged and,
// at the end, prints a table of the key figures against their targets.
//
//	go test -run '^$' -bench . -benchmem ./... | go run ./internal/benchreport/cmd
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"chairside/internal/benchreport"
)

func main() {
	var kept bytes.Buffer
	// Echo as it comes, so a long benchmark run shows progress.
	if _, err := io.Copy(io.MultiWriter(os.Stdout, &kept), os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport: reading benchmark output:", err)
		os.Exit(1)
	}
	results, err := benchreport.Parse(&kept)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	fmt.Println()
	fmt.Println("Speed targets (ns/op per operation; B/op and allocs/op from -benchmem):")
	fmt.Println()
	if err := benchreport.WriteTable(os.Stdout, benchreport.Compare(benchreport.Targets, results)); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}
