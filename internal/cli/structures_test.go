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
	if len(lines) != 165 || len(all) != 165 {
		t.Fatalf("%d lines for %d structures, want 165", len(lines), len(all))
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
	if want := map[string]int{"vertebra": 26, "disc": 23, "facet": 46, "nerve": 62, "cord": 2, "joint": 6}; !maps.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	for _, want := range []string{"disc:L4-L5\tL4–L5 disc\tdisc\tL\n", "vertebra:S\tsacrum\tvertebra\tS\n",
		"facet:L5-S:right\tright L5–S1 facet joint\tfacet\tL\n", "nerve:C1:left\tleft C1 nerve root\tnerve\tC\n",
		"cord:spinal\tspinal cord\tcord\tC\n", "cord:cauda-equina\tcauda equina (nerve roots below the cord)\tcord\tL\n",
		"sacroiliac:left\tleft sacroiliac (SI) joint\tjoint\tS\n", "joint:C0-C1:right\tright C0–C1 joint (skull and atlas)\tjoint\tC\n",
		"joint:C1-C2:left\tleft C1–C2 joint (atlas and axis)\tjoint\tC\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if code, out, errs := runCLI(t, "structures", "extra"); code != ExitUsage || out != "" || !strings.Contains(errs, `unexpected argument "extra"`) {
		t.Errorf("structures extra: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
