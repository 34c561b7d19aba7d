package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chairside/internal/handout"
)

// The four-chair test (issue 16): four processes, as four rooms, save and
// read the same few patients and handouts at once, 1,000 store calls in
// all. Each chair reports every call's outcome on its standard output;
// afterwards the histories must account for every one of them: each saved
// revision was made by one chair only, from the revision before it (or,
// keeping its text after a conflict, over that revision, recorded), with
// the text that chair saved; a chair that took theirs after a conflict
// has its text set aside in the history, beside theirs, never current and
// never written over; every refusal was a conflict reported to the chair
// that made it; nothing in the history was written unreported.

// Environment of a chair process.
const (
	chairNumber   = "CHAIRSIDE_STORE_CHAIR"
	chairOps      = "CHAIRSIDE_STORE_CHAIR_OPS"
	chairPatients = "CHAIRSIDE_STORE_CHAIR_PATIENTS"
	chairHandouts = "CHAIRSIDE_STORE_CHAIR_HANDOUTS"
)

const (
	fourChairs   = 4
	fourChairOps = 1000
)

// chairChild is one room: it works on the shared records and prints one
// line per outcome, ending in " ." (a whole line):
//
//	ok KIND ID FROM REV AT MARK .      saved from revision FROM as REV
//	draft KIND ID FROM REV AT MARK .   autosaved from FROM as REV
//	keep KIND ID THEIRS REV AT MARK .  kept over THEIRS after a conflict
//	aside KIND ID THEIRS REV AT MARK . set aside as REV, taking THEIRS
//
// AT is the time (Unix nanoseconds) of the revision it started from, as
// the chair had read it: that revision's text is what the chair saw.
//
//	conflict KIND ID YOURS THEIRS . refused: THEIRS is stored
//	read KIND ID REV MARK .         read revision REV
func chairChild(addr string) int {
	chair, _ := strconv.Atoi(os.Getenv(chairNumber))
	ops, _ := strconv.Atoi(os.Getenv(chairOps))
	pids, hids := parseIDs(os.Getenv(chairPatients)), parseIDs(os.Getenv(chairHandouts))
	db, err := Open(addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chair open:", err)
		return 1
	}
	defer db.Close()
	if err := db.SetRoom(fmt.Sprintf("Room %d", chair)); err != nil {
		fmt.Fprintln(os.Stderr, "chair room:", err)
		return 1
	}
	ctx := context.Background()
	r := rand.New(rand.NewPCG(uint64(chair), uint64(time.Now().UnixNano())))
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fail := func(what string, err error) int {
		out.Flush()
		fmt.Fprintf(os.Stderr, "chair %d %s: %v\n", chair, what, err)
		return 1
	}
	// A file kept busy past the timeout by the other chairs (a loaded
	// machine) refuses the save, saying so: the chair reports it and goes
	// on, as a clinician would try again.
	busy := func(err error) bool {
		if ErrorCode(err) != EBUSY {
			return false
		}
		fmt.Fprintln(out, "busy .")
		return true
	}
	// What this chair has on screen: read some time ago, so often stale.
	handouts := map[int64]*handout.Handout{}
	patients := map[int64]*Patient{}
	readHandout := func(id int64) error {
		h, err := db.GetHandout(ctx, id)
		if err == nil {
			handouts[id] = h
			fmt.Fprintf(out, "read handout %d %d %s .\n", id, h.Revision, h.ClinicianNotes)
		}
		return err
	}
	readPatient := func(id int64) error {
		p, err := db.GetPatient(ctx, id)
		if err == nil {
			patients[id] = p
			fmt.Fprintf(out, "read patient %d %d %s .\n", id, p.Revision, p.Notes)
		}
		return err
	}
	for _, id := range hids {
		if err := readHandout(id); err != nil {
			return fail("read", err)
		}
	}
	for _, id := range pids {
		if err := readPatient(id); err != nil {
			return fail("read", err)
		}
	}
	done := len(hids) + len(pids)
	for i := 0; done < ops; i++ {
		mark := fmt.Sprintf("c%d-op%d", chair, i)
		done++
		switch n := r.IntN(100); {
		case n < 20:
			if err := readHandout(hids[r.IntN(len(hids))]); err != nil {
				return fail("read", err)
			}
		case n < 30:
			if err := readPatient(pids[r.IntN(len(pids))]); err != nil {
				return fail("read", err)
			}
		case n < 75:
			id := hids[r.IntN(len(hids))]
			h := cloneHandout(*handouts[id])
			from, at := h.Revision, h.UpdatedAt.UnixNano()
			h.ClinicianNotes = mark
			draft := n >= 65
			save, kind := db.SaveHandout, "ok"
			if draft {
				save, kind = db.SaveDraft, "draft"
			}
			err := save(ctx, &h)
			if c := ConflictOf(err); c != nil {
				fmt.Fprintf(out, "conflict handout %d %d %d .\n", id, c.Yours, c.Theirs.Number)
				if done >= ops {
					continue
				}
				done++
				if r.IntN(2) == 0 {
					// Takes theirs (reading it on a later turn), setting
					// this chair's text aside first.
					rev, err := db.SetHandoutAside(ctx, &h, c.Theirs)
					if err != nil {
						if busy(err) {
							continue
						}
						return fail("set aside", err)
					}
					fmt.Fprintf(out, "aside handout %d %d %d %d %s .\n", id, c.Theirs.Number, rev.Number, c.Theirs.SavedAt.UnixNano(), mark)
					continue
				}
				if err := db.SaveHandoutOver(ctx, &h, c.Theirs); err != nil {
					if c := ConflictOf(err); c != nil {
						fmt.Fprintf(out, "conflict handout %d %d %d .\n", id, c.Yours, c.Theirs.Number)
						continue
					}
					if busy(err) {
						continue
					}
					return fail("keep mine", err)
				}
				fmt.Fprintf(out, "keep handout %d %d %d %d %s .\n", id, c.Theirs.Number, h.Revision, c.Theirs.SavedAt.UnixNano(), mark)
				handouts[id] = &h
				continue
			}
			if err != nil {
				if busy(err) {
					continue
				}
				return fail("save", err)
			}
			fmt.Fprintf(out, "%s handout %d %d %d %d %s .\n", kind, id, from, h.Revision, at, mark)
			handouts[id] = &h
			if draft && done < ops {
				// Typing on: the next autosave replaces this chair's own.
				done++
				from, at, h.ClinicianNotes = h.Revision, h.UpdatedAt.UnixNano(), mark+"b"
				if err := db.SaveDraft(ctx, &h); err != nil {
					if c := ConflictOf(err); c != nil {
						fmt.Fprintf(out, "conflict handout %d %d %d .\n", id, c.Yours, c.Theirs.Number)
						continue
					}
					if busy(err) {
						continue
					}
					return fail("autosave", err)
				}
				fmt.Fprintf(out, "draft handout %d %d %d %d %s .\n", id, from, h.Revision, at, h.ClinicianNotes)
				if r.IntN(2) == 0 && done < ops {
					// Saved a moment later: the save turns this chair's
					// autosave into a regular revision in place, under
					// the same number, while other chairs may have read
					// the autosave.
					time.Sleep(time.Duration(r.IntN(3)) * time.Millisecond)
					done++
					from, at, h.ClinicianNotes = h.Revision, h.UpdatedAt.UnixNano(), mark+"c"
					if err := db.SaveHandout(ctx, &h); err != nil {
						if c := ConflictOf(err); c != nil {
							fmt.Fprintf(out, "conflict handout %d %d %d .\n", id, c.Yours, c.Theirs.Number)
							continue
						}
						if busy(err) {
							continue
						}
						return fail("save", err)
					}
					fmt.Fprintf(out, "ok handout %d %d %d %d %s .\n", id, from, h.Revision, at, h.ClinicianNotes)
				}
			}
		default:
			id := pids[r.IntN(len(pids))]
			p := *patients[id]
			from, at := p.Revision, p.UpdatedAt.UnixNano()
			p.Notes = mark
			err := db.UpdatePatient(ctx, &p)
			if c := ConflictOf(err); c != nil {
				fmt.Fprintf(out, "conflict patient %d %d %d .\n", id, c.Yours, c.Theirs.Number)
				if done >= ops {
					continue
				}
				done++
				if r.IntN(2) == 0 {
					rev, err := db.SetPatientAside(ctx, &p, c.Theirs)
					if err != nil {
						if busy(err) {
							continue
						}
						return fail("set aside", err)
					}
					fmt.Fprintf(out, "aside patient %d %d %d %d %s .\n", id, c.Theirs.Number, rev.Number, c.Theirs.SavedAt.UnixNano(), mark)
					continue
				}
				if err := db.UpdatePatientOver(ctx, &p, c.Theirs); err != nil {
					if c := ConflictOf(err); c != nil {
						fmt.Fprintf(out, "conflict patient %d %d %d .\n", id, c.Yours, c.Theirs.Number)
						continue
					}
					if busy(err) {
						continue
					}
					return fail("keep mine", err)
				}
				fmt.Fprintf(out, "keep patient %d %d %d %d %s .\n", id, c.Theirs.Number, p.Revision, c.Theirs.SavedAt.UnixNano(), mark)
				patients[id] = &p
				continue
			}
			if err != nil {
				if busy(err) {
					continue
				}
				return fail("save", err)
			}
			fmt.Fprintf(out, "ok patient %d %d %d %d %s .\n", id, from, p.Revision, at, mark)
			patients[id] = &p
		}
	}
	fmt.Fprintf(out, "done %d .\n", done)
	return 0
}

func parseIDs(s string) []int64 {
	var out []int64
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' }) {
		id, _ := strconv.ParseInt(f, 10, 64)
		out = append(out, id)
	}
	return out
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// claim is one chair's report of a save.
type claim struct {
	chair     int
	kind      string // ok, draft, keep, aside
	from, rev int    // from: the revision started from (keep, aside: theirs)
	at        int64  // the time of revision from, as the chair read it
	mark      string
	line      int // order within the chair's output
}

type record struct {
	what string
	id   int64
}

func TestFourChairs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the four-chair test starts four processes")
	}
	backends(t, func(t *testing.T, b backend) {
		db := b.open(t)
		ctx := context.Background()
		var pids, hids []int64
		for i := range 3 {
			p := &Patient{Name: fmt.Sprintf("Shared Patient %d", i), Notes: "start"}
			if err := db.CreatePatient(ctx, p); err != nil {
				t.Fatal(err)
			}
			pids = append(pids, p.ID)
		}
		for i := range 2 {
			h := sampleHandout(pids[i], 2)
			h.ClinicianNotes = "start"
			if err := db.SaveHandout(ctx, h); err != nil {
				t.Fatal(err)
			}
			hids = append(hids, h.ID)
		}
		start := time.Now()
		outputs := make([]string, fourChairs)
		var wg sync.WaitGroup
		for c := range fourChairs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), childEnv+"=chair", childDB+"="+b.address,
					fmt.Sprintf("%s=%d", chairNumber, c+1), fmt.Sprintf("%s=%d", chairOps, fourChairOps/fourChairs),
					chairPatients+"="+joinIDs(pids), chairHandouts+"="+joinIDs(hids))
				var stderr strings.Builder
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Errorf("chair %d: %v\n%s", c+1, err, stderr.String())
				}
				outputs[c] = string(out)
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}
		took := time.Since(start)

		claims := map[record]map[int][]claim{} // record → revision → claims
		type readRev struct {
			rev  int
			mark string
		}
		reads := map[record][]readRev{}
		var conflicts, saves, ops, busy int
		for c, out := range outputs {
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if last := lines[len(lines)-1]; last != fmt.Sprintf("done %d .", fourChairOps/fourChairs) {
				t.Fatalf("chair %d ended with %q", c+1, last)
			}
			ops += fourChairOps / fourChairs
			for n, l := range lines[:len(lines)-1] {
				if l == "busy ." {
					busy++
					continue
				}
				f := strings.Fields(strings.TrimSuffix(l, " ."))
				if len(f) < 4 || !strings.HasSuffix(l, " .") {
					t.Fatalf("chair %d: line %q", c+1, l)
				}
				id, _ := strconv.ParseInt(f[2], 10, 64)
				rec := record{f[1], id}
				a, _ := strconv.Atoi(f[3])
				switch f[0] {
				case "read":
					reads[rec] = append(reads[rec], readRev{a, strings.Join(f[4:], " ")})
				case "conflict":
					conflicts++
					theirs, _ := strconv.Atoi(f[4])
					if theirs < a && f[1] == "patient" || theirs < 1 {
						t.Errorf("chair %d: conflict %q: theirs is not newer", c+1, l)
					}
				case "ok", "draft", "keep", "aside":
					saves++
					rev, _ := strconv.Atoi(f[4])
					at, _ := strconv.ParseInt(f[5], 10, 64)
					if claims[rec] == nil {
						claims[rec] = map[int][]claim{}
					}
					claims[rec][rev] = append(claims[rec][rev], claim{chair: c + 1, kind: f[0], from: a, rev: rev, at: at, mark: f[6], line: n})
				default:
					t.Fatalf("chair %d: line %q", c+1, l)
				}
			}
		}
		t.Logf("%s: %d calls by %d chairs in %v: %d saves, %d conflicts reported, %d refused as busy", b.name, ops, fourChairs, took.Round(time.Millisecond), saves, conflicts, busy)
		if conflicts == 0 || saves == 0 {
			t.Errorf("%d saves and %d conflicts: the test did not make chairs meet", saves, conflicts)
		}

		// Each record's history, revision by revision.
		type stored struct {
			mark      string
			overrides int
			setAside  int
			autosave  bool
			at        int64
		}
		history := map[record]map[int]stored{}
		for _, id := range hids {
			revs, err := db.HandoutRevisions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			infos, err := db.HandoutHistory(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			h := map[int]stored{}
			for i, r := range revs {
				h[infos[i].Number] = stored{mark: r.ClinicianNotes, overrides: infos[i].Overrides, setAside: infos[i].SetAside, autosave: infos[i].Autosave, at: infos[i].SavedAt.UnixNano()}
			}
			history[record{"handout", id}] = h
			if cur, err := db.GetHandout(ctx, id); err != nil || h[cur.Revision].setAside != 0 {
				t.Errorf("handout %d: the current revision is one set aside (%v)", id, err)
			}
		}
		for _, id := range pids {
			revs, err := db.PatientRevisions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			h := map[int]stored{}
			for _, r := range revs {
				h[r.Revision] = stored{mark: r.Notes, overrides: r.Saved.Overrides, setAside: r.Saved.SetAside, at: r.Saved.SavedAt.UnixNano()}
			}
			history[record{"patient", id}] = h
			if cur, err := db.GetPatient(ctx, id); err != nil || h[cur.Revision].setAside != 0 {
				t.Errorf("patient %d: the current revision is one set aside (%v)", id, err)
			}
		}
		asides := 0
		for rec, h := range history {
			// prev is the revision a save numbered rev was made on top of:
			// the one before it, past any texts set aside in between.
			prev := func(rev int) int {
				p := rev - 1
				for p > 1 && h[p].setAside != 0 {
					p--
				}
				return p
			}
			for rev := 1; rev <= len(h); rev++ {
				s, ok := h[rev]
				if !ok {
					t.Errorf("%s %d: revision %d missing from a history of %d", rec.what, rec.id, rev, len(h))
					continue
				}
				cs := claims[rec][rev]
				if rev == 1 {
					if s.mark != "start" || len(cs) > 0 {
						t.Errorf("%s %d: revision 1 %q, claimed by %v", rec.what, rec.id, s.mark, cs)
					}
					continue
				}
				if len(cs) == 0 {
					t.Errorf("%s %d: revision %d (%q) was written but no chair reported saving it", rec.what, rec.id, rev, s.mark)
					continue
				}
				if s.setAside != 0 || cs[0].kind == "aside" {
					asides++
					if c := cs[0]; len(cs) != 1 || c.kind != "aside" || s.setAside != c.from || c.from >= rev || s.mark != c.mark || s.overrides != 0 || s.autosave {
						t.Errorf("%s %d: revision %d set aside beside %d (%q), claimed by %+v", rec.what, rec.id, rev, s.setAside, s.mark, cs)
					}
					continue
				}
				last := cs[0]
				before := prev(rev)
				wasAutosave := false // by its own chair, which may replace it
				for _, c := range cs {
					wasAutosave = wasAutosave || c.kind == "draft"
				}
				for _, c := range cs {
					if c.chair != cs[0].chair {
						t.Errorf("%s %d: revision %d claimed by chairs %d and %d: one overwrote the other", rec.what, rec.id, rev, cs[0].chair, c.chair)
					}
					if c.line > last.line {
						last = c
					}
					switch {
					case c.kind == "aside":
						t.Errorf("%s %d: revision %d set aside by chair %d is not marked so in the history", rec.what, rec.id, rev, c.chair)
					case c.kind == "keep" && (c.from != before || s.overrides != before && c == last):
						t.Errorf("%s %d: revision %d kept over %d, history says it overrode %d", rec.what, rec.id, rev, c.from, s.overrides)
					case c.kind == "ok" && c.from != before && !(c.from == rev && wasAutosave):
						t.Errorf("%s %d: revision %d saved from %d without a conflict", rec.what, rec.id, rev, c.from)
					case c.kind == "draft" && c.from != before && c.from != rev:
						t.Errorf("%s %d: autosave revision %d made from %d", rec.what, rec.id, rev, c.from)
					case c.from == before && c.at != h[before].at:
						// Revision before changed in place after the chair
						// read it: the chair never saw what it overwrote.
						t.Errorf("%s %d: revision %d (%s by chair %d) was made over a revision %d the chair had not seen", rec.what, rec.id, rev, c.kind, c.chair, before)
					}
				}
				if len(cs) > 1 && !s.autosave && last.kind == "draft" {
					t.Errorf("%s %d: revision %d saved twice but is not an autosave", rec.what, rec.id, rev)
				}
				if s.mark != last.mark {
					t.Errorf("%s %d: revision %d holds %q, chair %d saved %q last", rec.what, rec.id, rev, s.mark, last.chair, last.mark)
				}
				if last.kind != "keep" && s.overrides != 0 {
					t.Errorf("%s %d: revision %d records overriding %d, but was saved without a conflict", rec.what, rec.id, rev, s.overrides)
				}
			}
			for rev := range claims[rec] {
				if _, ok := h[rev]; !ok {
					t.Errorf("%s %d: revision %d reported saved is not in the history", rec.what, rec.id, rev)
				}
			}
			// What a chair read was what was saved (an autosave read may
			// since have been replaced by its own chair).
			for _, r := range reads[rec] {
				wasAutosave := false
				for _, c := range claims[rec][r.rev] {
					wasAutosave = wasAutosave || c.kind == "draft"
				}
				if s := h[r.rev]; s.mark != r.mark && !wasAutosave {
					t.Errorf("%s %d: a chair read revision %d as %q, the history holds %q", rec.what, rec.id, r.rev, r.mark, s.mark)
				}
			}
		}
		t.Logf("%s: %d texts set aside by chairs that took theirs", b.name, asides)
	})
}
