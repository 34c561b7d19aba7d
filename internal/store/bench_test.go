package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

var (
	firstNames = []string{"Anna", "John", "Maria", "José", "Zoë", "Mohammed", "Li", "Olga", "Seán", "Priya", "Élodie", "Kwame",
		"Hannah", "Lucas", "Sofía", "Noah", "Emma", "Liam", "Ava", "Mateo", "Chloé", "Yusuf", "Ingrid", "Björn", "Aiko", "Dmitri",
		"Fatima", "Giulia", "Hiro", "Isabel", "Jakub", "Kofi", "Lena", "Marco", "Nadia", "Oscar", "Paula", "Rafael", "Sara", "Tomás"}
	lastNames = []string{"Smith", "Johnson", "García", "Müller", "O'Brien", "Nguyen", "Kowalski", "Rossi", "Dubois", "Andersson",
		"Tanaka", "Okafor", "Petrov", "Hernández", "Jean-Baptiste", "MacDonald", "Van der Berg", "Silva", "Kim", "Cohen",
		"Lopez", "Brown", "Wilson", "Taylor", "Moore", "Martin", "Lee", "Walker", "Hall", "Allen", "Young", "King", "Wright",
		"Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans"}
)

// fixtureName makes the i-th synthetic patient name: common first and last
// names plus a number-derived syllable so that names spread like a real
// list (many Smiths, few of each full name).
func fixtureName(r *rand.Rand) string {
	syll := []string{"ka", "lo", "mi", "ra", "ne", "to", "su", "vi", "da", "pe"}
	return fmt.Sprintf("%s %s%s %s", firstNames[r.IntN(len(firstNames))], syll[r.IntN(len(syll))], syll[r.IntN(len(syll))],
		lastNames[r.IntN(len(lastNames))])
}

// fixturePatient is one synthetic patient as the tables hold it: the
// folded key and search words come from the same code as CreatePatient's.
type fixturePatient struct {
	id               int64
	name, key        string
	words            []string // each once, as addWords' ON CONFLICT DO NOTHING leaves them
	created, updated string
}

// fixturePatients makes n synthetic patients, IDs 1 to n, the same list
// on every run and for both backends.
func fixturePatients(n int) []fixturePatient {
	r := rand.New(rand.NewPCG(1, 2))
	now := time.Now().UTC().Format(timeLayout)
	out := make([]fixturePatient, n)
	for i := range out {
		name := fixtureName(r)
		key := foldName(name)
		var words []string
		for _, w := range searchWords(key) {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		out[i] = fixturePatient{id: int64(i + 1), name: name, key: key, words: words, created: now, updated: now}
	}
	return out
}

// fillPatients adds n synthetic patients (fixturePatients) to an empty
// database with their search words, in one transaction on a file and in
// bulk (COPY) on a server, where 100,000 row-by-row inserts would take
// minutes.
func fillPatients(tb testing.TB, db *DB, n int) {
	tb.Helper()
	ps := fixturePatients(n)
	if db.Server() {
		copyPatients(tb, db, ps)
		return
	}
	ctx := context.Background()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	ins, err := tx.Prepare("INSERT INTO patients (id, name, name_key, lang, created_at, updated_at) VALUES (?, ?, ?, 'en', ?, ?)")
	if err != nil {
		tb.Fatal(err)
	}
	word, err := tx.Prepare("INSERT INTO patient_words (word, name_key, archived, patient_id) VALUES (?, ?, 0, ?)")
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range ps {
		if _, err := ins.Exec(p.id, p.name, p.key, p.created, p.updated); err != nil {
			tb.Fatal(err)
		}
		for _, w := range p.words {
			if _, err := word.Exec(w, p.key, p.id); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// searchQueries are what a clinician types, one keystroke at a time,
// common and rare: the patient-search benchmarks of both backends cycle
// through them.
var searchQueries = []string{"s", "sm", "smi", "smith", "a", "ma", "mar", "maria g", "jo", "o'b", "müll", "mull", "kalo", "zoe ok",
	"van der", "jean-b", "tanaka hiro", "xq", "", "anna smith"}

// benchSearchPatients times db's patient search over searchQueries, each
// run once first so that caches are warm.
func benchSearchPatients(b *testing.B, db *DB) {
	ctx := context.Background()
	for _, q := range searchQueries {
		if _, err := db.SearchPatients(ctx, q, false, 50); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := db.SearchPatients(ctx, searchQueries[i%len(searchQueries)], false, 50); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// benchSaveHandout times saving a new 20-item handout in db.
func benchSaveHandout(b *testing.B, db *DB) {
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

// benchOpen times opening the database at address and waiting for the
// background check, the time until the first write may proceed (with
// health false, Open alone).
func benchOpen(b *testing.B, address string, health bool) {
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(address)
		if err != nil {
			b.Fatal(err)
		}
		if health {
			if err := db.Health(ctx); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	bigOnce sync.Once
	bigPath string
	bigDir  string
)

// bigDB is a 100,000-patient database built once per test binary run.
func bigDB(b *testing.B) string {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "chairside-bench-")
		if err != nil {
			b.Fatal(err)
		}
		bigDir = dir
		bigPath = filepath.Join(dir, "big.db")
		db, err := Open(bigPath)
		if err != nil {
			b.Fatal(err)
		}
		fillPatients(b, db, 100000)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	})
	if bigPath == "" {
		b.Fatal("fixture failed to build")
	}
	return bigPath
}

func BenchmarkSearchPatients(b *testing.B) {
	db, err := Open(bigDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	benchSearchPatients(b, db)
}

func BenchmarkSaveHandout(b *testing.B) {
	benchSaveHandout(b, MustOpenDB(b))
}

func BenchmarkSaveHandoutEdit(b *testing.B) {
	db := MustOpenDB(b)
	ctx := context.Background()
	p := mustPatient(b, db, "Ann Lee")
	h := sampleHandout(p.ID, 20)
	for b.Loop() {
		if err := db.SaveHandout(ctx, h); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen100k(b *testing.B) {
	benchOpen(b, bigDB(b), false)
}

// BenchmarkOpenHealth100k is Open plus waiting for the full background
// integrity check: the time until the first write may proceed.
func BenchmarkOpenHealth100k(b *testing.B) {
	benchOpen(b, bigDB(b), true)
}
