package store

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The server's figures (issue 16: search at 100,000 patients <= 5 ms,
// saving a 20-item handout <= 10 ms, opening <= 100 ms), over the test
// server (CHAIRSIDE_TEST_POSTGRES; skipped without one).

// fillServerPatients adds n synthetic patients (the names of fillPatients)
// with their search words in bulk (COPY), through the same folding and
// word code as CreatePatient.
func fillServerPatients(tb testing.TB, db *DB, n int) {
	tb.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	now := time.Now().UTC().Format(timeLayout)
	var patients, words [][]any
	for i := range n {
		name := fixtureName(r)
		key := foldName(name)
		id := int64(i + 1)
		patients = append(patients, []any{id, name, key, "en", now, now})
		for _, w := range searchWords(key) {
			words = append(words, []any{w, key, 0, id})
		}
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		c := dc.(pgConn).Conn.Conn()
		if _, err := c.CopyFrom(ctx, pgx.Identifier{"patients"}, []string{"id", "name", "name_key", "lang", "created_at", "updated_at"}, pgx.CopyFromRows(patients)); err != nil {
			return err
		}
		if _, err := c.CopyFrom(ctx, pgx.Identifier{"patient_words"}, []string{"word", "name_key", "archived", "patient_id"}, pgx.CopyFromRows(dedupeWords(words))); err != nil {
			return err
		}
		for _, q := range []string{"SELECT setval(pg_get_serial_sequence('patients', 'id'), (SELECT max(id) FROM patients))", "VACUUM ANALYZE patients", "VACUUM ANALYZE patient_words"} {
			if _, err := c.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// dedupeWords drops repeated (word, key, archived, id) rows, as
// addWords' ON CONFLICT DO NOTHING does.
func dedupeWords(rows [][]any) [][]any {
	type k struct {
		w, key string
		id     int64
	}
	seen := map[k]bool{}
	out := rows[:0]
	for _, r := range rows {
		key := k{r[0].(string), r[1].(string), r[3].(int64)}
		if !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

func BenchmarkServerSearchPatients100k(b *testing.B) {
	db, err := Open(freshServerDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	fillServerPatients(b, db, 100000)
	ctx := context.Background()
	queries := []string{"s", "sm", "smi", "smith", "a", "ma", "mar", "maria g", "jo", "o'b", "müll", "mull", "kalo", "zoe ok",
		"van der", "jean-b", "tanaka hiro", "xq", "", "anna smith"}
	for _, q := range queries {
		if _, err := db.SearchPatients(ctx, q, false, 50); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := db.SearchPatients(ctx, queries[i%len(queries)], false, 50); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkServerSaveHandout(b *testing.B) {
	db, err := Open(freshServerDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	p := mustPatient(b, db, "Ann Lee")
	h := sampleHandout(p.ID, 20)
	for b.Loop() {
		h.ID = 0
		if err := db.SaveHandout(ctx, h); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkServerOpen(b *testing.B) {
	addr := freshServerDB(b)
	db, err := Open(addr)
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(addr)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Health(ctx); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
