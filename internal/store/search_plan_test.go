package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// searchIndexCases are prefixes and the index of the word table that
// reads one page of them in list order (migration 0010), or the primary
// key's range for longer prefixes, sorted.
var searchIndexCases = []struct {
	prefix, index string
}{
	{"s", "patient_words_initial"},
	{"a", "patient_words_initial"},
	{"sm", "patient_words_initials"},
	{"jo", "patient_words_initials"},
	{"smith", "patient_words_pkey"},
	{"tanaka", "patient_words_pkey"},
}

// indexScans reads how many scans the server has counted on each of the
// word table's indexes. The counts reach the statistics a moment after
// each search's transaction ends, so callers wait for them.
func indexScans(t *testing.T, db *DB) map[string]int64 {
	t.Helper()
	rows, err := db.r.QueryContext(context.Background(),
		"SELECT indexrelname::text, idx_scan FROM pg_stat_user_indexes WHERE relid = 'patient_words'::regclass")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		out[name] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestServerSearchReadsTheIndexMadeForThePrefix holds the server's patient
// search to the reads that keep it within 5 ms at 100,000 patients: a
// prefix of one or two letters reads migration 0010's index of first
// letters in list order and stops after a page, a longer one its short
// range of the primary key. It searches long enough first for the driver's
// prepared statements to be past the five runs after which PostgreSQL may
// switch to one generic plan: the plan must fit every prefix of a length.
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
	settled := func() map[string]int64 {
		c := indexScans(t, db)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			time.Sleep(1500 * time.Millisecond)
			c2 := indexScans(t, db)
			if sameCounts(c, c2) {
				return c
			}
			c = c2
		}
		t.Fatal("the server's index statistics kept changing for 30 s")
		return nil
	}
	const runs = 10
	for _, c := range searchIndexCases {
		before := settled()
		for range runs {
			if _, err := db.SearchPatients(ctx, c.prefix, false, 50); err != nil {
				t.Fatal(err)
			}
		}
		var after map[string]int64
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			after = indexScans(t, db)
			total := int64(0)
			for k, v := range after {
				total += v - before[k]
			}
			if total >= runs {
				break
			}
		}
		for name, n := range after {
			got := n - before[name]
			if name == c.index && got < runs {
				t.Errorf("%q: %s was read %d times in %d searches; want every search to read it", c.prefix, name, got, runs)
			}
			if name != c.index && got != 0 {
				t.Errorf("%q: %s was read %d times in %d searches; want only %s", c.prefix, name, got, runs, c.index)
			}
		}
	}
}

// TestSearchReadsTheIndexMadeForThePrefix is the same rule in a file, as
// SQLite plans the search's statements: no sort of the whole read for a
// prefix of one or two letters (the index gives list order), and the index
// alone read.
func TestSearchReadsTheIndexMadeForThePrefix(t *testing.T) {
	db := MustOpenDB(t)
	for _, c := range searchIndexCases {
		for _, archived := range []string{"archived = 0", "archived IN (0, 1)"} {
			q, args := wordQuery(c.prefix, archived)
			rows, err := db.r.Query("EXPLAIN QUERY PLAN "+q, append(args, 200)...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			text := strings.Join(plan, "; ")
			want, sorted := "USING COVERING INDEX "+c.index, false
			if c.index == "patient_words_pkey" {
				want, sorted = "USING PRIMARY KEY", true
			}
			// "FOR LAST TERM OF ORDER BY" is SQLite sorting the rows of
			// one name by patient (it does not count archived = 0 as
			// fixing that column in the index), a page at a time: the
			// read still stops after the page. A sort of the whole read
			// is "FOR ORDER BY".
			if !strings.Contains(text, want) || strings.Contains(text, "TEMP B-TREE FOR ORDER BY") != sorted {
				t.Errorf("%q (%s): SQLite's plan is %q; want %q, sorted %v", c.prefix, archived, text, want, sorted)
			}
		}
	}
}

// TestSearchFirstLettersAnswerAsTheRange holds the reads of migration
// 0010's indexes (a prefix of one or two letters: substr(word, 1, n) = ?)
// to the primary key's range that the search read before (word >= ? AND
// word < prefix+U+10FFFF): the same rows in the same order, on both
// backends, for letters of other scripts too (substr counts characters on
// both, as the Go side counts runes).
func TestSearchFirstLettersAnswerAsTheRange(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		db, err := Open(b.address)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fillPatients(t, db, 2000)
		for _, name := range []string{"Дмитрий Петров", "李 小龙", "Ωλγα Παπαδοπούλου", "J. O'Neil", "Ýr Jónsdóttir"} {
			mustPatient(t, db, name)
		}
		var prefixes []string
		for c := 'a'; c <= 'z'; c++ {
			prefixes = append(prefixes, string(c))
		}
		prefixes = append(prefixes, "sm", "ma", "jo", "ob", "xq", "д", "дм", "李", "ω", "ωλ", "yr")
		for _, p := range prefixes {
			for _, archived := range []string{"archived = 0", "archived IN (0, 1)"} {
				q, args := wordQuery(p, archived)
				got := wordRows(t, db, q, append(args, db.dialect.limit(0))...)
				want := wordRows(t, db, "SELECT name_key, patient_id FROM patient_words WHERE word >= ? AND word < ? AND "+archived+
					" ORDER BY name_key, archived, patient_id LIMIT ?", p, p+"\U0010FFFF", db.dialect.limit(0))
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%q (%s): %d rows by its first letters, %d by its range; first difference at %d", p, archived, len(got), len(want), firstDiff(got, want))
				}
			}
		}
	})
}

func wordRows(t *testing.T, db *DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.r.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var key string
		var id int64
		if err := rows.Scan(&key, &id); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s\t%d", key, id))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
