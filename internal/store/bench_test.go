package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
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

// fillPatients adds n patients in one transaction through the same
// folding and word code as CreatePatient.
func fillPatients(tb testing.TB, db *DB, n int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	r := rand.New(rand.NewPCG(1, 2))
	now := time.Now().UTC().Format(timeLayout)
	ins, err := tx.Prepare("INSERT INTO patients (name, name_key, lang, created_at, updated_at) VALUES (?, ?, 'en', ?, ?)")
	if err != nil {
		tb.Fatal(err)
	}
	for range n {
		name := fixtureName(r)
		res, err := ins.Exec(name, foldName(name), now, now)
		if err != nil {
			tb.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if err := addWords(ctx, tx, id, name, false); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
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
	ctx := context.Background()
	// What a clinician types, one keystroke at a time, common and rare.
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

func BenchmarkSaveHandout(b *testing.B) {
	db := MustOpenDB(b)
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
	path := bigDB(b)
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenHealth100k is Open plus waiting for the full background
// integrity check: the time until the first write may proceed.
func BenchmarkOpenHealth100k(b *testing.B) {
	path := bigDB(b)
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(path)
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
