package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"chairside/internal/handout"
)

// Prepare reads the words, the side view and the faces on other
// goroutines while a handout is laid out and printed, as a cold export
// does. That only happens once per process, so the printing runs in a
// fresh one (this test binary again): the PDF must be the one printed
// without Prepare, and under -race the child fails on any data race
// between the two.
func TestPrepareThenPrintInAFreshProcess(t *testing.T) {
	h, p := preparedHandout(), samplePatient()
	if out := os.Getenv("CHAIRSIDE_PREPARE_CHILD"); out != "" {
		Prepare()
		PrepareHandout(h)
		var buf bytes.Buffer
		if err := Write(&buf, h, p, sampleClinic(t)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, marked := figureStructures(h); !needsBackView(h, marked) || insetLevel(h) == "" {
		t.Fatal("the handout no longer needs the view from behind and the inset: PrepareHandout builds nothing")
	}
	out := filepath.Join(t.TempDir(), "prepared.pdf")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestPrepareThenPrintInAFreshProcess$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "CHAIRSIDE_PREPARE_CHILD="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("printing after Prepare in a fresh process: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := Write(&want, h, p, sampleClinic(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the handout printed after Prepare differs from the same handout printed without it")
	}
}

// preparedHandout is the standard handout with a finding on the right
// side, so that its figure shows the view from behind as well, and the
// disc's bulge puts the level seen from above in its inset.
func preparedHandout() handout.Handout {
	h := standardHandout()
	h.Marks = append(h.Marks, handout.Mark{Structure: "nerve:L5:right", Finding: "irritation"})
	return h
}
