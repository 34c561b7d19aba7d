package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// adminDB connects to the test server as its superuser, with addr's
// search path.
func adminDB(t testing.TB, addr string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestRebindNumbersPlaceholdersOutsideQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1":                            "SELECT 1",
		"SELECT ? , ?":                        "SELECT $1 , $2",
		"SELECT '?' || ? FROM \"a?\" WHERE ?": "SELECT '?' || $1 FROM \"a?\" WHERE $2",
		"-- why?\nSELECT ?":                   "-- why?\nSELECT $1",
		"SELECT 'it''s ?', ?":                 "SELECT 'it''s ?', $1",
	} {
		if got := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextEscapeRoundTrips(t *testing.T) {
	for _, s := range []string{"", "plain", "a\x00b", "\x00", "\uffff", "\uffff0", "x\uffff1\x00\uffff", "\x00\x00\uffff\uffff"} {
		e := escapeText(s)
		if strings.ContainsRune(e, 0) {
			t.Errorf("escapeText(%q) = %q still holds a NUL", s, e)
		}
		if got := unescapeText(e); got != s {
			t.Errorf("round trip of %q gave %q (escaped %q)", s, got, e)
		}
	}
}

// Any host that is not this computer gets verify-full unless the address
// says otherwise; modes that fall back to plain text are refused for it;
// the address shown never holds the password.
func TestServerAddressTLSRule(t *testing.T) {
	t.Setenv("PGSSLMODE", "")
	t.Setenv("PGHOST", "")
	cases := []struct {
		addr    string
		code    string
		tls     bool // every host and fallback encrypted and checked
		plainOK bool // plain text allowed (local, or said explicitly)
	}{
		{"postgres://ann@db.clinic.example:5432/clinic", "", true, false},
		{"postgresql://ann:s3cret@10.0.0.5/clinic", "", true, false},
		{"postgres://ann@db.clinic.example/clinic?sslmode=disable", "", false, true},
		{"postgres://ann@db.clinic.example/clinic?sslmode=prefer", EINVALID, false, false},
		{"postgres://ann@db.clinic.example/clinic?sslmode=allow", EINVALID, false, false},
		{"postgres://ann@localhost/clinic", "", false, true},
		{"postgres://ann@127.0.0.1:5433/clinic", "", false, true},
		{"postgres://ann@/clinic?host=/run/postgresql", "", false, true},
	}
	for _, c := range cases {
		cfg, shown, err := serverConfig(c.addr)
		if ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want code %q", c.addr, err, c.code)
			continue
		}
		if err != nil {
			if strings.Contains(ErrorMessage(err), "s3cret") {
				t.Errorf("%s: the message shows the password", c.addr)
			}
			continue
		}
		if strings.Contains(shown, "s3cret") || strings.Contains(shown, "sslmode") {
			t.Errorf("%s: shown as %q", c.addr, shown)
		}
		encrypted := cfg.TLSConfig != nil && !cfg.TLSConfig.InsecureSkipVerify && cfg.TLSConfig.ServerName != ""
		plain := cfg.TLSConfig == nil
		for _, f := range cfg.Fallbacks {
			plain = plain || f.TLSConfig == nil
		}
		if c.tls && (!encrypted || plain) {
			t.Errorf("%s: TLS %+v (fallbacks %d), want verify-full only", c.addr, cfg.TLSConfig, len(cfg.Fallbacks))
		}
		if !c.plainOK && plain {
			t.Errorf("%s: may connect in plain text", c.addr)
		}
	}
	if _, _, err := serverConfig("postgres://ann@db.clinic.example/clinic"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGSSLMODE", "prefer")
	if _, _, err := serverConfig("postgres://ann@db.clinic.example/clinic"); ErrorCode(err) != EINVALID {
		t.Errorf("PGSSLMODE=prefer for a remote host: %v, want EINVALID", err)
	}
}

func TestServerTooOldRefused(t *testing.T) {
	if err := checkServerVersion("postgres://a@h:5432/c", 120015); ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), "PostgreSQL 12.0") {
		t.Errorf("12: %v", err)
	}
	if err := checkServerVersion("postgres://a@h:5432/c", 150004); err != nil {
		t.Errorf("15: %v", err)
	}
}

func TestMigrationsHavePostgresCounterparts(t *testing.T) {
	if extra := postgresOnlyMigrations(); len(extra) > 0 {
		t.Errorf("migrations/postgres/ has files with no numbered migration of that name: %v", extra)
	}
	sq, pg := migrationsFor(sqliteDialect), migrationsFor(postgresDialect)
	if len(sq) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL", len(sq), len(pg))
	}
	for i := range sq {
		if sq[i].version != pg[i].version || sq[i].name != pg[i].name {
			t.Errorf("migration %d: %s vs %s", i, sq[i].name, pg[i].name)
		}
	}
}

// Four chairs starting at once on a new database: each step applied once,
// every chair opens.
func TestServerMigratesOnceWhenChairsStartTogether(t *testing.T) {
	addr := freshServerDB(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(addr)
			if err == nil {
				err = db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("chair %d: %v", i, err)
		}
	}
	var n, distinct int
	if err := adminDB(t, addr).QueryRow("SELECT count(*), count(DISTINCT version) FROM schema_migrations").Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if want := len(migrationList()); n != want || distinct != want {
		t.Errorf("schema_migrations holds %d rows (%d versions), want %d once each", n, distinct, want)
	}
}

// The schema's version is read through one snapshot. A reader whose
// snapshot was taken before another chair's first step committed must see
// an empty schema, not schema_migrations without its comment and without
// any table counted: that read as another program's tables and refused a
// chair starting beside others (CI, once in about 200 starts).
func TestServerSchemaReadSeesOneSnapshot(t *testing.T) {
	addr := freshServerDB(t)
	ctx := context.Background()
	reader := adminDB(t, addr)
	tx, err := reader.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil { // the snapshot is taken here
		t.Fatal(err)
	}
	db, err := Open(addr) // another chair sets the schema up and commits
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if ver, known, err := serverSchemaVersion(ctx, tx); err != nil || !known || ver != 0 {
		t.Errorf("read through the earlier snapshot: version %d, Chairside's %v, %v; want an empty schema (0, true)", ver, known, err)
	}
	tx.Rollback()
	if ver, known, err := serverSchemaVersion(ctx, reader); err != nil || !known || ver != len(migrationList()) {
		t.Errorf("read afterwards: version %d, Chairside's %v, %v; want %d, true", ver, known, err, len(migrationList()))
	}
}

// A server database set up by a newer Chairside, or holding another
// program's tables, is refused and left exactly as it was.
func TestServerNewerOrForeignSchemaRefusedUntouched(t *testing.T) {
	addr := freshServerDB(t)
	db, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	admin := adminDB(t, addr)
	if _, err := admin.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future', 'x')"); err != nil {
		t.Fatal(err)
	}
	before := serverState(t, admin)
	if _, err := Open(addr); ErrorCode(err) != ENEWER {
		t.Errorf("newer schema: %v, want ENEWER", err)
	}
	if after := serverState(t, admin); after != before {
		t.Errorf("the newer database was changed:\n%s\n%s", before, after)
	}

	other := freshServerDB(t)
	admin = adminDB(t, other)
	if _, err := admin.Exec("CREATE TABLE orders (id int)"); err != nil {
		t.Fatal(err)
	}
	before = serverState(t, admin)
	if _, err := Open(other); ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), "another program") {
		t.Errorf("foreign tables: %v, want ESERVER", err)
	}
	if after := serverState(t, admin); after != before {
		t.Errorf("the other program's database was changed:\n%s\n%s", before, after)
	}
}

// serverState lists the schema's tables and migration rows.
func serverState(t *testing.T, admin *sql.DB) string {
	t.Helper()
	tables, err := tableNames(context.Background(), admin, postgresDialect)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Join(tables, ",")
	if strings.Contains(s, "schema_migrations") {
		var v int
		admin.QueryRow("SELECT coalesce(sum(version), 0) FROM schema_migrations").Scan(&v)
		s += fmt.Sprintf(" versions=%d", v)
	}
	return s
}

// testServerTCP is the test server's TCP address (127.0.0.1 and its port:
// scripts/pg-test-cluster listens there and asks for a password).
func testServerTCP(t *testing.T) (host string, port uint16) {
	cfg, err := pgx.ParseConfig(testServer(t))
	if err != nil {
		t.Fatal(err)
	}
	return "127.0.0.1", cfg.Port
}

// serverRole makes a login role with password on the test server, with a
// schema of its own (both dropped when t ends), and returns its name: a
// name no other test uses, so that the server's log shows whether a
// client ever told the server who it was.
func serverRole(t *testing.T, password string) string {
	t.Helper()
	admin := adminDB(t, testServer(t))
	role := fmt.Sprintf("chair_%d_%d", time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	if _, err := admin.Exec("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP OWNED BY " + role); admin.Exec("DROP ROLE " + role) })
	if _, err := admin.Exec("CREATE SCHEMA " + role + " AUTHORIZATION " + role); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP SCHEMA " + role + " CASCADE") })
	return role
}

func TestServerWrongPasswordSaysSo(t *testing.T) {
	role := serverRole(t, "right-horse-battery")
	host, port := testServerTCP(t)
	addr := fmt.Sprintf("postgres://%s@%s:%d/postgres?sslmode=disable&search_path=%s", role, host, port, role)
	t.Setenv("PGPASSFILE", "/nonexistent")
	t.Setenv("PGPASSWORD", "wrong-horse")
	_, err := Open(addr)
	if err == nil {
		t.Skip("the test server lets TCP logins in without checking the password")
	}
	if ErrorCode(err) == EOFFLINE {
		t.Skipf("the test server does not listen on %s:%d: %v", host, port, err)
	}
	if ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), "refused the password") {
		t.Errorf("wrong password: %v, want ESERVER about the password", err)
	}
	if strings.Contains(err.Error(), "wrong-horse") {
		t.Error("the error shows the password")
	}
	// The right one, from PGPASSWORD as libpq would take it: Chairside
	// itself is never given it.
	t.Setenv("PGPASSWORD", "right-horse-battery")
	db, err := Open(addr)
	if err != nil {
		t.Fatalf("right password: %v", err)
	}
	if strings.Contains(db.Path(), "right-horse") {
		t.Errorf("Path shows the password: %s", db.Path())
	}
	db.Close()
}

// tlsMessage is what the store says of every failed TLS negotiation.
const tlsMessage = "secure (TLS) connection"

// A server that offers no TLS, reached with an address that asks for it
// (verify-full is what any other host gets by default): refused, with the
// TLS message, before a password or a record is sent. The test cluster
// offers TLS, so a listener that answers the client's TLS request as such
// a server does (one byte, 'N': no encryption here) stands in for it, and
// records whether the client goes on to send its start-up message (user,
// database) in plain text.
func TestServerWithoutTLSRefusedWhenTLSIsAskedFor(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	sent := make(chan int, 16)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				req := make([]byte, 8) // length 8, code 80877103: the TLS request
				if _, err := io.ReadFull(c, req); err != nil || binary.BigEndian.Uint32(req[4:]) != 80877103 {
					sent <- -1
					return
				}
				c.Write([]byte{'N'})
				rest, _ := io.ReadAll(c)
				sent <- len(rest)
			}()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	for _, mode := range []string{"require", "verify-full"} {
		_, err := Open(fmt.Sprintf("postgres://chairside@127.0.0.1:%d/postgres?sslmode=%s", port, mode))
		if ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), tlsMessage) || !strings.Contains(ErrorMessage(err), "Nothing was sent") {
			t.Errorf("sslmode=%s to a server without TLS: %v, want the TLS message", mode, err)
		}
		if n := <-sent; n != 0 {
			t.Errorf("sslmode=%s: after the server said it has no TLS the client sent %d more bytes (want none; -1: no TLS request at all)", mode, n)
		}
	}
}

// The test cluster's TLS (scripts/pg-test-cluster): a certificate made
// out to "localhost" only, signed by a throw-away authority whose
// certificate is at CHAIRSIDE_TEST_POSTGRES_CA.
const testServerCAEnv = "CHAIRSIDE_TEST_POSTGRES_CA"

// A server whose certificate cannot be trusted: with verify-full and no
// authority that signed it, or with the authority but a host name the
// certificate is not made out to (a clinic reaching its server by IP
// address), the connection is refused with the TLS message, and the
// server never learns who was connecting (its log, which records every
// start-up message, never names the user). With the authority, named by
// sslrootcert= or put where libpq keeps it (~/.postgresql/root.crt, as
// the message advises), and the right name, it connects, encrypted.
func TestServerUntrustedCertificateRefused(t *testing.T) {
	testServer(t)
	ca := os.Getenv(testServerCAEnv)
	if ca == "" {
		t.Skip(testServerCAEnv + " is not set (the test server offers no TLS: scripts/pg-test-cluster makes its certificates with openssl)")
	}
	role := serverRole(t, "tls-horse-battery")
	_, port := testServerTCP(t)
	t.Setenv("PGPASSFILE", "/nonexistent")
	t.Setenv("PGPASSWORD", "tls-horse-battery")
	t.Setenv("PGSSLROOTCERT", "")
	t.Setenv("PGSSLMODE", "")
	home := t.TempDir() // no ~/.postgresql/root.crt of the person running the tests
	t.Setenv("HOME", home)
	t.Setenv("APPDATA", home)
	addr := func(host, opts string) string {
		return fmt.Sprintf("postgres://%s@%s:%d/postgres?sslmode=verify-full&search_path=%s%s", role, host, port, role, opts)
	}
	logged := serverLogMentions(t, "user="+role+" ")
	for _, c := range []struct{ why, addr string }{
		{"no trusted authority", addr("localhost", "")},
		{"a name the certificate is not made out to", addr("127.0.0.1", "&sslrootcert="+url.QueryEscape(ca))},
	} {
		_, err := Open(c.addr)
		if ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), tlsMessage) || !strings.Contains(ErrorMessage(err), "Nothing was sent") {
			t.Errorf("%s: %v, want ESERVER with the TLS message", c.why, err)
		}
		if strings.Contains(ErrorMessage(err), "tls-horse") {
			t.Errorf("%s: the message shows the password", c.why)
		}
		if logged() {
			t.Errorf("%s: the server's log names the user: the client sent its start-up message to a server it did not trust", c.why)
		}
	}

	good := []struct{ why, addr string }{{"sslrootcert=", addr("localhost", "&sslrootcert="+url.QueryEscape(ca))}}
	pem, err := os.ReadFile(ca)
	if err != nil {
		t.Fatal(err)
	}
	rootCrt := filepath.Join(home, ".postgresql", "root.crt")
	if runtime.GOOS == "windows" {
		rootCrt = filepath.Join(home, "postgresql", "root.crt")
	}
	if err := os.MkdirAll(filepath.Dir(rootCrt), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rootCrt, pem, 0o600); err != nil {
		t.Fatal(err)
	}
	good = append(good, struct{ why, addr string }{"~/.postgresql/root.crt", addr("localhost", "")})
	for _, c := range good {
		db, err := Open(c.addr)
		if err != nil {
			t.Errorf("the authority in %s and the right name: %v", c.why, err)
			continue
		}
		var encrypted bool
		if err := db.r.QueryRow("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&encrypted); err != nil || !encrypted {
			t.Errorf("the authority in %s: connected, encrypted %v (%v)", c.why, encrypted, err)
		}
		db.Close()
		if !logged() && os.Getenv(testServerLogEnv) != "" {
			t.Errorf("the authority in %s: connected, but the server's log does not name the user: the log check above proves nothing", c.why)
		}
	}
	// The rule stays libpq's: the authority file is a default, not a
	// way around the name check.
	if _, err := Open(addr("127.0.0.1", "")); ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), tlsMessage) {
		t.Errorf("root.crt and a name the certificate is not made out to: %v, want the TLS message", err)
	}
}

// testServerLogEnv names the test server's log (scripts/pg-test-cluster
// logs every connection there).
const testServerLogEnv = "CHAIRSIDE_TEST_POSTGRES_LOG"

// serverLogMentions returns a function that reports whether the test
// server's log holds what; without a log named it reports false.
func serverLogMentions(t *testing.T, what string) func() bool {
	path := os.Getenv(testServerLogEnv)
	if path == "" {
		t.Logf("%s is not set: whether a refused client sent anything is not checked", testServerLogEnv)
	}
	return func() bool {
		if path == "" {
			return false
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("reading the test server's log: %v", err)
		}
		return strings.Contains(string(b), what)
	}
}

func TestServerMissingDatabaseSaysSo(t *testing.T) {
	u, err := url.Parse(testServer(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/no_such_clinic"
	_, err = Open(u.String())
	if ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), "does not exist") {
		t.Errorf("missing database: %v, want ESERVER saying it does not exist", err)
	}
}

func TestServerUnreachableSaysSo(t *testing.T) {
	start := time.Now()
	_, err := Open("postgres://ann@127.0.0.1:" + strconv.Itoa(closedPort(t)) + "/clinic")
	if ErrorCode(err) != EOFFLINE || !strings.Contains(ErrorMessage(err), "Cannot reach") {
		t.Errorf("closed port: %v, want EOFFLINE", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to say the server cannot be reached", d)
	}
}

// Patient search on a server reads the word table's index, not the whole
// table (a clinic's 100,000 patients are searched at every keystroke).
func TestServerPatientSearchUsesItsIndex(t *testing.T) {
	addr := freshServerDB(t)
	db, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	admin := adminDB(t, addr)
	if _, err := admin.Exec(`INSERT INTO patients (name, name_key, created_at, updated_at)
		SELECT 'p' || i, 'name' || i || ' w' || (i % 997), 'x', 'x' FROM generate_series(1, 20000) i;
		INSERT INTO patient_words (word, name_key, archived, patient_id)
		SELECT w, name_key, 0, id FROM patients, unnest(string_to_array(name_key, ' ')) w;
		ANALYZE patients; ANALYZE patient_words`); err != nil {
		t.Fatal(err)
	}
	rows, err := admin.Query(rebind(`EXPLAIN SELECT name_key, patient_id FROM patient_words WHERE word >= ? AND word < ? AND archived = 0
		ORDER BY name_key, archived, patient_id LIMIT 40`), "name123", "name123\U0010FFFF")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		rows.Scan(&line)
		plan = append(plan, line)
	}
	all := strings.Join(plan, "\n")
	if strings.Contains(all, "Seq Scan on patient_words") || !strings.Contains(all, "Index") {
		t.Errorf("search plan reads the whole word table:\n%s", all)
	}
	res, err := db.SearchPatients(context.Background(), "name1234", false, 10)
	// name1234 and name12340..name12349 start with it; the limit keeps 10.
	if err != nil || len(res) != 10 || res[0].Name != "p1234" || res[1].Name != "p12340" {
		t.Errorf("search on the server: %v %v", res, err)
	}
}

// Two chairs saving the same handout at once: every save becomes its own
// revision, none is lost or overwritten (a save that meets the other
// chair's newer revision is refused as a conflict and kept over it).
func TestServerTwoChairsSavingOneHandoutKeepEveryRevision(t *testing.T) {
	addr := freshServerDB(t)
	a, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	p := mustPatient(t, a, "Ann Lee")
	h := sampleHandout(p.ID, 1)
	if err := a.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	const each = 15
	var wg sync.WaitGroup
	for i, db := range []*DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range each {
				mine := *h
				mine.ClinicianNotes = fmt.Sprintf("chair %d save %d", i, j)
				err := db.SaveHandout(ctx, &mine)
				for c := ConflictOf(err); c != nil; c = ConflictOf(err) {
					err = db.SaveHandoutOver(ctx, &mine, c.Theirs)
				}
				if err != nil {
					t.Errorf("chair %d: %v", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	revs, err := a.HandoutRevisions(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 1+2*each || revs[0].Revision != 1+2*each {
		t.Errorf("%d revisions, newest %d; want %d", len(revs), revs[0].Revision, 1+2*each)
	}
	seen := map[string]bool{}
	for _, r := range revs {
		seen[r.ClinicianNotes] = true
	}
	if len(seen) != 1+2*each {
		t.Errorf("%d different saved texts, want %d: a save overwrote another", len(seen), 1+2*each)
	}
}

// A server database whose records do not fit together (a handout without
// its current revision) is reported by the check after Open, and nothing
// more is saved to it; Check names the handout.
func TestServerInconsistentRecordsBlockWrites(t *testing.T) {
	addr := freshServerDB(t)
	db, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p := mustPatient(t, db, "Ann Lee")
	h := sampleHandout(p.ID, 1)
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := adminDB(t, addr).Exec("DELETE FROM handout_revisions"); err != nil {
		t.Fatal(err)
	}
	db, err = Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Health(ctx); ErrorCode(err) != ECORRUPT {
		t.Errorf("Health: %v, want ECORRUPT", err)
	}
	if err := db.CreatePatient(ctx, &Patient{Name: "Ben"}); ErrorCode(err) != ECORRUPT {
		t.Errorf("a save after the failed check: %v, want ECORRUPT", err)
	}
	rep, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || len(rep.Problems) == 0 || !strings.Contains(rep.Problems[0], fmt.Sprintf("handout %d", h.ID)) {
		t.Errorf("Check: %+v", rep)
	}
}

// Patient search answers the same on a server as in a file: over the
// same 3,000 patients (the benchmarks' names, one in thirteen archived)
// every query, one word or several, gives the same patients in the same
// order, a page of 50 and the whole list, with and without the archived
// ones (the server sorts the words in binary "C" order, as SQLite does,
// and its identity IDs are the file's). The queries cover each form of the
// search's read (wordQuery): one letter, two, and longer prefixes.
func TestServerSearchAnswersAsTheFile(t *testing.T) {
	server, err := Open(freshServerDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	file := MustOpenDB(t)
	ctx := context.Background()
	for _, db := range []*DB{server, file} {
		fillPatients(t, db, 3000)
		for id := int64(13); id <= 3000; id += 13 {
			if err := db.SetArchived(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range append(searchQueries, "ma ka", "s s", "an sm mi", "smith anna") {
		for _, limit := range []int{50, 0} {
			for _, archived := range []bool{false, true} {
				want, err := file.SearchPatients(ctx, q, archived, limit)
				if err != nil {
					t.Fatal(err)
				}
				got, err := server.SearchPatients(ctx, q, archived, limit)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Errorf("%q (limit %d, archived %v): %d patients on the server, %d in the file", q, limit, archived, len(got), len(want))
					continue
				}
				for i := range want {
					if got[i].ID != want[i].ID {
						t.Errorf("%q (limit %d, archived %v): patient %d is %d on the server, %d in the file", q, limit, archived, i+1, got[i].ID, want[i].ID)
						break
					}
				}
			}
		}
	}
}
