package cli

import (
	"maps"
	"strings"
	"testing"

	"chairside/internal/anatomy"
)

func TestStructures(t *testing.T) {
	code, out, errs := runCLI(t, "structures")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	all := anatomy.All()
	if len(lines) != 157 || len(all) != 157 {
		t.Fatalf("%d lines for %d structures, want 157", len(lines), len(all))
	}
	kinds := map[string]int{}
	for i, ln := range lines {
		f := strings.Split(ln, "\t")
		if len(f) != 4 || f[1] == "" {
			t.Errorf("line %d %q: want ID<TAB>name<TAB>kind<TAB>region", i+1, ln)
			continue
		}
		if f[0] != all[i].ID {
			t.Errorf("line %d: ID %q, want %q (the model's order)", i+1, f[0], all[i].ID)
		}
		if _, err := anatomy.Parse(f[0]); err != nil {
			t.Errorf("line %d: %q does not parse back: %v", i+1, f[0], err)
		}
		kinds[f[2]]++
	}
	if want := map[string]int{"vertebra": 26, "disc": 23, "facet": 46, "nerve": 62}; !maps.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	for _, want := range []string{"disc:L4-L5\tL4–L5 disc\tdisc\tL\n", "vertebra:S\tsacrum\tvertebra\tS\n",
		"facet:L5-S:right\tright L5–S1 facet joint\tfacet\tL\n", "nerve:C1:left\tleft C1 nerve root\tnerve\tC\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if code, out, errs := runCLI(t, "structures", "extra"); code != ExitUsage || out != "" || !strings.Contains(errs, `unexpected argument "extra"`) {
		t.Errorf("structures extra: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
