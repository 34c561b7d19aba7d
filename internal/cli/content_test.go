package cli

import (
	"bytes"
	"strings"
	"testing"
)

// run runs the command line as a user would and returns the exit status,
// stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	gui := func(GUIOptions) error { t.Fatal("the GUI should not start"); return nil }
	code := Main(args, &out, &errb, gui)
	return code, out.String(), errb.String()
}

func TestExplain(t *testing.T) {
	code, out, errs := runCLI(t, "explain", "disc:L4-L5")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"# The L4–L5 disc\n\n## What it is\n", "**L5 nerve root**", "\n## Sources\n\n- OpenStax", "\nReviewed: 2026-11-25\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Not yet available") {
		t.Error("English text marked as a fallback")
	}
	// The flag may come after the ID, and letter case is forgiven.
	code, out, _ = runCLI(t, "explain", "TOPIC:cracking-your-back", "--lang", "en")
	if code != 0 || !strings.HasPrefix(out, "# Cracking your back: what the sound is\n") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestExplainFallbackLanguage(t *testing.T) {
	code, out, _ := runCLI(t, "explain", "--lang", "fr", "topic:red-flags")
	if code != 0 || !strings.Contains(out, `*Not yet available in "fr": shown in English.*`) ||
		!strings.Contains(out, "# When to seek care right away") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestExplainErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"explain", "disc:L4-L6"}, `"disc:L4-L6": no explanation with this ID; did you mean disc:L4-L5`},
		{[]string{"explain", "topic:craking-your-back"}, "did you mean topic:cracking-your-back"},
		{[]string{"explain", "qqqqqqqqqq:zzzz"}, "IDs look like disc:L4-L5"},
		{[]string{"explain"}, "give one ID"},
		{[]string{"explain", "disc:L4-L5", "disc:L5-S"}, "give one ID"},
		{[]string{"explain", "disc:L4-L5", "--lang", "English"}, `--lang "English": give a language code such as en or es`},
		{[]string{"explain", "disc:L4-L5", "--lang", "../en"}, `--lang "../en": give a language code`},
		{[]string{"topics", "--lang", ""}, `--lang "": give a language code`},
		{[]string{"search", "neck", "--lang", "español"}, `--lang "español": give a language code`},
		{[]string{"explain", "--nope", "disc:L4-L5"}, "unknown flag --nope (run 'chairside explain --help' for its flags)"},
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
}

func TestTopics(t *testing.T) {
	code, out, errs := runCLI(t, "topics")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 35 {
		t.Errorf("%d lines, want 14 topics and 21 conditions:\n%s", len(lines), out)
	}
	if lines[0] != "topic:cracking-your-back\tCracking your back: what the sound is" {
		t.Errorf("first line %q", lines[0])
	}
	for _, ln := range lines {
		id, title, ok := strings.Cut(ln, "\t")
		if !ok || title == "" || !(strings.HasPrefix(id, "topic:") || strings.HasPrefix(id, "condition:")) {
			t.Errorf("bad line %q", ln)
		}
	}
	if !strings.Contains(out, "condition:sciatica\t") {
		t.Error("conditions missing")
	}
	if code, _, errs := runCLI(t, "topics", "extra"); code != ExitUsage || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("topics extra: exit %d, %q", code, errs)
	}
}

func TestSearch(t *testing.T) {
	code, out, errs := runCLI(t, "search", "big", "toe")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	top := strings.Join(lines[:3], "\n")
	for _, want := range []string{"nerve:L5:left\tThe left L5 nerve root", "nerve:L5:right\tThe right L5 nerve root", "disc:L4-L5\tThe L4–L5 disc"} {
		if !strings.Contains(top, want) {
			t.Errorf("top 3 lack %q:\n%s", want, top)
		}
	}
	code, out, _ = runCLI(t, "search", "neck", "--limit", "2")
	if n := strings.Count(out, "\n"); code != 0 || n != 2 {
		t.Errorf("--limit 2: exit %d, %d lines", code, n)
	}
	code, out, _ = runCLI(t, "search", "sciatica")
	if code != 0 || !strings.HasPrefix(out, "condition:sciatica\t") {
		t.Errorf("sciatica: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"search"}, "give words to search for"},
		{[]string{"search", "xyzzyplugh"}, `nothing matches "xyzzyplugh"`},
		{[]string{"search", "neck", "--limit", "-1"}, "--limit -1"},
	} {
		code, out, errs := runCLI(t, c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", c.args, code, out, errs)
		}
	}
}
