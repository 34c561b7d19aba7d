// Command fontgen writes the prepared handout fonts (compact faces and
// metrics) into a directory; internal/pdf runs it through `go generate`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"chairside/assets"
	"chairside/internal/pdf/internal/fontprep"
)

func main() {
	out := flag.String("out", "fontdata", "the directory to write the prepared fonts to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "fontgen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	var full [fontprep.FaceCount][]byte
	for i, name := range fontprep.Files {
		b, err := assets.Fonts.ReadFile(name)
		if err != nil {
			return err
		}
		full[i] = b
	}
	p, err := fontprep.Prepare(full)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{fontprep.MetricsName: p.Metrics.Encode(), fontprep.IDsName: p.EncodeIDs()}
	for i, name := range fontprep.CompactNames {
		files[name] = p.Compact[i]
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
