package store

import (
	"context"
	"testing"
	"time"
)

// indexScans reads how many scans the server has counted on each of the
// word table's two search indexes. The counts reach the statistics a
// moment after each search's transaction ends, so callers wait for them.
func indexScans(t *testing.T, db *DB) (primary, nameOrder int64) {
	t.Helper()
	err := db.r.QueryRowContext(context.Background(), `SELECT
		(SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = 'patient_words_pkey'::regclass),
		(SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = 'patient_words_name_order'::regclass)`).Scan(&primary, &nameOrder)
	if err != nil {
		t.Fatal(err)
	}
	return primary, nameOrder
}

// TestServerSearchReadsTheIndexMadeForThePrefix holds the server's patient
// search to the plan that keeps it within 5 ms at 100,000 patients: a
// one-letter prefix walks the name-order index (migration 0010) and stops
// after a page, a whole surname reads its short range of the primary key.
// It searches long enough first for the driver's prepared statements to
// be past the five runs after which PostgreSQL may switch to one generic
// plan for every prefix: the search must still get a plan of its own.
func TestServerSearchReadsTheIndexMadeForThePrefix(t *testing.T) {
	db, err := Open(freshServerDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fillPatients(t, db, 30000)
	ctx := context.Background()
	for range 3 {
		for _, q := range searchQueries {
			if _, err := db.SearchPatients(ctx, q, false, 50); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Each check waits until the counts have settled (the statistics are
	// sent in the background), then searches and waits for its own scans.
	settled := func() (int64, int64) {
		p, n := indexScans(t, db)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			time.Sleep(1500 * time.Millisecond)
			p2, n2 := indexScans(t, db)
			if p2 == p && n2 == n {
				return p, n
			}
			p, n = p2, n2
		}
		t.Fatal("the server's index statistics kept changing for 30 s")
		return 0, 0
	}
	const runs = 10
	for _, c := range []struct {
		query     string
		nameOrder bool // else the primary key's range of the word
	}{
		{"s", true},
		{"a", true},
		{"smith", false},
		{"tanaka", false},
	} {
		p0, n0 := settled()
		for range runs {
			if _, err := db.SearchPatients(ctx, c.query, false, 50); err != nil {
				t.Fatal(err)
			}
		}
		var p, n int64
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			p, n = indexScans(t, db)
			if p-p0+n-n0 >= runs {
				break
			}
		}
		if got := n - n0; c.nameOrder && got < runs {
			t.Errorf("%q: the name-order index was read %d times in %d searches (the primary key %d times); want every search to walk it and stop after a page",
				c.query, got, runs, p-p0)
		}
		if got := p - p0; !c.nameOrder && (got < runs || n-n0 != 0) {
			t.Errorf("%q: the primary key was read %d times and the name-order index %d times in %d searches; want the word's short range each time",
				c.query, got, n-n0, runs)
		}
	}
}
