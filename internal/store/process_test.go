package store

// SQLite only: these tests are about the database file itself (several
// processes on one file: kill -9 mid-save, two writers, restores); a
// server database has no file on this computer. The tests that run on both
// backends use backends/eachBackend (pgtest_test.go).

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"chairside/internal/handout"
)

// crashChild saves handouts in a loop and reports each save only after it
// committed: "new ID REV ." or "rev ID REV .". The trailing dot marks a
// whole line, so a line cut by SIGKILL is never counted.
func crashChild(path string) int {
	db, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", ErrorCode(err))
		return 1
	}
	ctx := context.Background()
	p := &Patient{Name: "Crash Test"}
	if err := db.CreatePatient(ctx, p); err != nil {
		fmt.Fprintln(os.Stderr, "child patient:", ErrorCode(err))
		return 1
	}
	fmt.Println("ready .")
	var last *handout.Handout
	for i := 0; ; i++ {
		h := sampleHandout(p.ID, 20)
		for j := range h.Items {
			h.Items[j].Body = fmt.Sprintf("Save %d item %d.", i, j)
		}
		if last != nil && i%3 == 1 {
			last.ClinicianNotes = fmt.Sprintf("edit %d", i)
			save := db.SaveHandout
			if i%2 == 0 {
				save = db.SaveDraft
			}
			if err := save(ctx, last); err != nil {
				fmt.Fprintln(os.Stderr, "child save:", ErrorCode(err))
				return 1
			}
			fmt.Printf("rev %d %d .\n", last.ID, last.Revision)
			continue
		}
		if err := db.SaveHandout(ctx, h); err != nil {
			fmt.Fprintln(os.Stderr, "child save:", ErrorCode(err))
			return 1
		}
		fmt.Printf("new %d %d .\n", h.ID, h.Revision)
		last = h
	}
}

type savedRev struct {
	id  int64
	rev int
}

func TestCrashSafety(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var saved []savedRev
	savingRounds := 0
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=crash", childDB+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<16)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// record keeps a line the child printed after a save it was told
		// had committed.
		record := func(l string) bool {
			f := strings.Fields(l)
			if len(f) != 4 || f[3] != "." {
				return false
			}
			id, _ := strconv.ParseInt(f[1], 10, 64)
			rev, _ := strconv.Atoi(f[2])
			saved = append(saved, savedRev{id, rev})
			return true
		}
		// Most rounds kill the child while it saves, once it has saved
		// at least once (on a loaded machine a fixed wait after "ready"
		// could kill it before its first save, and the test would then
		// prove nothing); some rounds kill it while it opens.
		savingRound := round%4 != 3
		if savingRound {
			deadline := time.After(30 * time.Second)
			ready := false
		wait:
			for {
				select {
				case l := <-lines:
					if l == "ready ." {
						ready = true
					} else if ready && record(l) {
						break wait
					}
				case <-deadline:
					t.Fatalf("round %d: child never saved (ready %v): %s", round, ready, stderr.String())
				}
			}
			savingRounds++
		}
		time.Sleep(time.Duration(5+r.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for l := range lines {
			record(l)
		}
		if strings.Contains(stderr.String(), "child") {
			t.Fatalf("round %d: child failed: %s", round, stderr.String())
		}
		verifySaved(t, path, saved)
	}
	t.Logf("%d saves reported across %d SIGKILLs (%d while saving), all present", len(saved), rounds, savingRounds)
}

// verifySaved opens the database after a crash: it must open, pass the
// integrity check, and hold every save that was reported done.
func verifySaved(t *testing.T, path string, saved []savedRev) {
	t.Helper()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if len(saved) > 0 {
			t.Fatal("the database vanished")
		}
		return
	}
	db, err := Open(path)
	if err != nil {
		t.Fatalf("open after crash: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Health(ctx); err != nil {
		t.Fatalf("health after crash: %v", err)
	}
	rep, err := db.Check(ctx)
	if err != nil || !rep.OK {
		t.Fatalf("check after crash: %+v %v", rep, err)
	}
	for _, s := range saved {
		h, err := db.GetHandout(ctx, s.id)
		if err != nil {
			t.Fatalf("handout %d reported saved is missing: %v", s.id, err)
		}
		if h.Revision < s.rev || len(h.Items) != 20 {
			t.Fatalf("handout %d: revision %d with %d items, reported revision %d with 20", s.id, h.Revision, len(h.Items), s.rev)
		}
		revs, err := db.HandoutRevisions(ctx, s.id)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range revs {
			found = found || r.Revision == s.rev
		}
		if !found {
			t.Fatalf("handout %d: revision %d reported saved is not in its history", s.id, s.rev)
		}
	}
}

// writerChild adds patients and handouts as fast as it can and reports
// each: "ok PATIENT HANDOUT ." or "busy CODE ." with the message on stderr.
func writerChild(path string) int {
	db, err := Open(path)
	if err != nil {
		fmt.Printf("openfail %s .\n", ErrorCode(err))
		fmt.Fprintln(os.Stderr, ErrorMessage(err))
		return 0
	}
	defer db.Close()
	ctx := context.Background()
	for i := range 40 {
		p := &Patient{Name: fmt.Sprintf("Writer %d", i)}
		err := db.CreatePatient(ctx, p)
		var h *handout.Handout
		if err == nil {
			h = sampleHandout(p.ID, 20)
			err = db.SaveHandout(ctx, h)
		}
		if err != nil {
			fmt.Printf("busy %s .\n", ErrorCode(err))
			fmt.Fprintln(os.Stderr, ErrorMessage(err))
			continue
		}
		fmt.Printf("ok %d %d .\n", p.ID, h.ID)
	}
	return 0
}

func TestTwoProcessesWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db") // missing: both children race to create it
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		outputs []string
		errs    []string
	)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"=writer", childDB+"="+path)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Sprintf("%v: %s", err, stderr.String()))
			}
			outputs = append(outputs, string(out))
			if stderr.Len() > 0 {
				errs = append(errs, stderr.String())
			}
		}()
	}
	wg.Wait()
	var ok, busy int
	type pair struct{ p, h int64 }
	var pairs []pair
	for _, out := range outputs {
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			f := strings.Fields(l)
			switch {
			case len(f) == 4 && f[0] == "ok":
				p, _ := strconv.ParseInt(f[1], 10, 64)
				h, _ := strconv.ParseInt(f[2], 10, 64)
				pairs = append(pairs, pair{p, h})
				ok++
			case len(f) == 3 && f[0] == "busy" && f[1] == EBUSY:
				busy++
			default:
				t.Errorf("unexpected child output %q", l)
			}
		}
	}
	for _, e := range errs {
		if !strings.Contains(e, "busy") {
			t.Errorf("child error without a clear busy message: %s", e)
		}
	}
	if ok+busy != 80 {
		t.Errorf("%d ok + %d busy, want 80 reports", ok, busy)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	rep, err := db.Check(ctx)
	if err != nil || !rep.OK {
		t.Fatalf("check: %+v %v", rep, err)
	}
	if rep.Counts["handouts"] != ok {
		t.Errorf("%d handouts stored, %d reported saved", rep.Counts["handouts"], ok)
	}
	for _, pr := range pairs {
		h, err := db.GetHandout(ctx, pr.h)
		if err != nil || h.PatientID != pr.p || len(h.Items) != 20 {
			t.Errorf("handout %d: %v", pr.h, err)
		}
	}
	t.Logf("two writers: %d saves succeeded, %d got a busy message", ok, busy)
}

// restorerChild restores the backups in turn over path, for ever, and
// reports each restore done: "restored N .".
func restorerChild(path, backups string) int {
	list := filepath.SplitList(backups)
	fmt.Println("ready .")
	for i := 0; ; i++ {
		if _, err := Restore(list[i%len(list)], path); err != nil {
			fmt.Fprintln(os.Stderr, "child restore:", ErrorCode(err), ErrorMessage(err))
			return 1
		}
		fmt.Printf("restored %d .\n", i)
	}
}

// A kill -9 at any moment of a restore leaves the database in place,
// whole, holding either what it held or the backup, and every kept-aside
// copy whole.
func TestCrashDuringRestore(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 4
	}
	a, b := backupOf(t, 3), backupOf(t, 6)
	target := filepath.Join(t.TempDir(), "chairside.db")
	if _, err := Restore(a, target); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	seen := map[string]bool{}
	restores := 0
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=restorer", childDB+"="+target, childBackups+"="+b+string(filepath.ListSeparator)+a)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		if !sc.Scan() || sc.Text() != "ready ." {
			t.Fatalf("round %d: child never got ready: %s", round, stderr.String())
		}
		// Every third round lets one restore finish first, so that kills
		// land after a swap too, however slow the machine.
		if round%3 == 2 {
			if !sc.Scan() || !strings.HasPrefix(sc.Text(), "restored ") {
				t.Fatalf("round %d: no restore finished: %s", round, stderr.String())
			}
			restores++
		}
		time.Sleep(time.Duration(10+r.IntN(200)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "restored ") && strings.HasSuffix(sc.Text(), " .") {
				restores++
			}
		}
		cmd.Wait()
		if strings.Contains(stderr.String(), "child") {
			t.Fatalf("round %d: child failed: %s", round, stderr.String())
		}
		if n := countPatients(t, target); n != 3 && n != 6 {
			t.Fatalf("round %d: the database holds %d patients, want 3 or 6", round, n)
		}
		for _, k := range beforeRestoreFiles(t, target) {
			if seen[k] || strings.HasSuffix(k, "-wal") || strings.HasSuffix(k, "-shm") || strings.HasSuffix(k, "-journal") {
				continue
			}
			seen[k] = true
			sum, err := CheckBackup(context.Background(), k)
			if err != nil || (sum.Patients != 3 && sum.Patients != 6) {
				t.Fatalf("round %d: kept copy %s: %+v %v", round, filepath.Base(k), sum, err)
			}
		}
	}
	if restores == 0 {
		t.Error("no restore finished in any round: the child barely ran")
	}
	t.Logf("%d restores reported across %d SIGKILLs; database and %d kept copies whole", restores, rounds, len(seen))
}
