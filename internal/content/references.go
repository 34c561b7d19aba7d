package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"chairside/assets"

	"gopkg.in/yaml.v3"
)

// Reference is one entry of the library's reference list: a full citation
// and what the texts cite it for. The list lives in
// assets/content/references/*.yaml, loaded together; every source a text
// names must be the citation of exactly one entry.
type Reference struct {
	Key      string `yaml:"key"`
	Citation string `yaml:"citation"`
	Supports string `yaml:"supports"`
}

// dirReferences is the folder of the reference list beside the language folders.
const dirReferences = "references"

// References reads the reference list embedded in the binary.
func References() ([]Reference, error) {
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		return nil, fmt.Errorf("reference list: %w", err)
	}
	return LoadReferences(sub)
}

// LoadReferences reads every references/*.yaml file of fsys, in name order.
// A misspelt field, a missing key, citation or "supports", or a key or
// citation used twice (in one file or across files) is an error naming the
// file, so the list cannot quietly lose an entry.
func LoadReferences(fsys fs.FS) ([]Reference, error) {
	paths, err := fs.Glob(fsys, path.Join(dirReferences, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("reference list: %w", err)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return nil, fmt.Errorf("reference list: no %s/*.yaml files", dirReferences)
	}
	var out []Reference
	keys := map[string]string{}      // key → file
	citations := map[string]string{} // citation → key
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("reference list: %w", err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		var refs []Reference
		if err := dec.Decode(&refs); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("reference list %s: %w", p, err)
		}
		for i, r := range refs {
			r.Key, r.Citation, r.Supports = strings.TrimSpace(r.Key), strings.TrimSpace(r.Citation), strings.TrimSpace(r.Supports)
			switch {
			case r.Key == "":
				return nil, fmt.Errorf("reference list %s: entry %d has no key", p, i+1)
			case r.Citation == "":
				return nil, fmt.Errorf("reference list %s: %s has no citation", p, r.Key)
			case r.Supports == "":
				return nil, fmt.Errorf("reference list %s: %s does not say what it supports", p, r.Key)
			}
			if f, dup := keys[r.Key]; dup {
				return nil, fmt.Errorf("reference list %s: key %s is already used in %s", p, r.Key, f)
			}
			if k, dup := citations[r.Citation]; dup {
				return nil, fmt.Errorf("reference list %s: %s has the same citation as %s", p, r.Key, k)
			}
			keys[r.Key], citations[r.Citation] = p, r.Key
			out = append(out, r)
		}
	}
	return out, nil
}
