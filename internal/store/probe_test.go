package store

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/pem"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestServerSettingsAddress(t *testing.T) {
	// The driver reads the authority's file when it reads the address.
	ca := writeTestAuthority(t)
	cases := []struct {
		name string
		in   ServerSettings
		want string
	}{
		{"checked by default", ServerSettings{Host: "db.clinic.example", Database: "clinic", User: "ann"},
			"postgres://ann@db.clinic.example:5432/clinic?sslmode=verify-full"},
		{"own authority", ServerSettings{Host: "db.clinic.example", Port: 6543, Database: "clinic", User: "ann", CAFile: ca},
			"postgres://ann@db.clinic.example:6543/clinic?sslmode=verify-full&sslrootcert=" + ca},
		{"plain text drops the authority", ServerSettings{Host: "10.0.0.5", Database: "clinic", User: "ann", PlainText: true, CAFile: "/x"},
			"postgres://ann@10.0.0.5:5432/clinic?sslmode=disable"},
		{"IPv6", ServerSettings{Host: "fd00::5", Database: "clinic"},
			"postgres://[fd00::5]:5432/clinic?sslmode=verify-full"},
		{"socket folder", ServerSettings{Host: "/run/postgresql", Port: 5433, Database: "clinic", User: "ann", PlainText: true},
			"postgres://ann@/clinic?host=/run/postgresql&port=5433&sslmode=disable"},
		{"spaces trimmed", ServerSettings{Host: " db.clinic.example ", Database: " clinic ", User: " ann "},
			"postgres://ann@db.clinic.example:5432/clinic?sslmode=verify-full"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.in.Address()
			if got != c.want {
				t.Fatalf("Address() = %s, want %s", got, c.want)
			}
			back, ok := ServerSettingsOf(got)
			if !ok {
				t.Fatalf("ServerSettingsOf(%s) refused it", got)
			}
			want := c.in
			want.Host, want.Database, want.User = strings.TrimSpace(want.Host), strings.TrimSpace(want.Database), strings.TrimSpace(want.User)
			if want.Port == 0 {
				want.Port = DefaultServerPort
			}
			if want.PlainText {
				want.CAFile = ""
			}
			if back != want {
				t.Fatalf("ServerSettingsOf(Address()) = %+v, want %+v", back, want)
			}
			// The store itself takes it, and shows it without options.
			if _, shown, err := serverConfig(got); err != nil {
				t.Fatalf("serverConfig refused the form's address: %v", err)
			} else if strings.Contains(shown, "?") {
				t.Fatalf("shown address %s carries options", shown)
			}
		})
	}
	if _, ok := ServerSettingsOf("/home/ann/chairside.db"); ok {
		t.Fatal("a file path was read as server settings")
	}
}

func TestShownAddressHidesOptions(t *testing.T) {
	for _, addr := range []string{
		"postgres://ann@db.clinic.example:5432/clinic?sslmode=disable&application_name=x",
		// A certificate file that is gone: the driver refuses the address,
		// and it is still shown without its options.
		"postgres://ann@db.clinic.example:5432/clinic?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt",
	} {
		if got := ShownAddress(addr); got != "postgres://ann@db.clinic.example:5432/clinic" {
			t.Fatalf("ShownAddress(%s) = %s", addr, got)
		}
	}
	if got := ShownAddress("/home/ann/chairside.db"); got != "/home/ann/chairside.db" {
		t.Fatalf("a file's path is shown as %s", got)
	}
}

func TestProtectionOfEachMode(t *testing.T) {
	cases := map[string]Protection{
		"postgres://ann@db.clinic.example/clinic":                         ProtectionChecked,
		"postgres://ann@db.clinic.example/clinic?sslmode=verify-full":     ProtectionChecked,
		"postgres://ann@db.clinic.example/clinic?sslmode=require":         ProtectionEncrypted,
		"postgres://ann@db.clinic.example/clinic?sslmode=disable":         ProtectionPlain,
		"postgres://ann@localhost/clinic?sslmode=prefer":                  ProtectionPlain, // may fall back
		"postgres://ann@/clinic?host=/run/postgresql&sslmode=verify-full": ProtectionLocal,
	}
	for addr, want := range cases {
		cfg, _, err := serverConfig(addr)
		if err != nil {
			t.Fatalf("%s: %v", addr, err)
		}
		if got := protectionOf(cfg); got != want {
			t.Errorf("%s: protection %d, want %d", addr, got, want)
		}
	}
}

func TestProbeUnreachableSaysSo(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now
	addr := ServerSettings{Host: "127.0.0.1", Port: port, Database: "clinic", User: "ann", PlainText: true}.Address()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = Probe(ctx, addr)
	if ErrorCode(err) != EOFFLINE || !strings.Contains(ErrorMessage(err), "Cannot reach the database server at postgres://ann@127.0.0.1:"+strconv.Itoa(port)+"/clinic") {
		t.Fatalf("Probe of a closed port: %v (code %q)", err, ErrorCode(err))
	}
	if _, err := Probe(ctx, "/home/ann/chairside.db"); ErrorCode(err) != EINVALID {
		t.Fatalf("Probe of a file path: %v", err)
	}
}

// TestProbeSaysWhatIsThereAndChangesNothing runs on the test server: an
// empty schema stays empty after Probe, a Chairside one is counted, and
// another program's tables are refused in Open's words.
func TestProbeSaysWhatIsThereAndChangesNothing(t *testing.T) {
	addr := freshServerDB(t)
	ctx := context.Background()
	rep, err := Probe(ctx, addr)
	if err != nil {
		t.Fatalf("Probe of an empty database: %v", err)
	}
	if !rep.Empty || rep.Older || rep.Patients != 0 || rep.Version == "" || rep.Standby {
		t.Fatalf("empty database reported as %+v", rep)
	}
	if strings.Contains(rep.Address, "?") || !strings.HasPrefix(rep.Address, "postgres://") {
		t.Fatalf("report's address %q", rep.Address)
	}
	admin, err := sql.Open("pgx", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var tables int
	if err := admin.QueryRow("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Fatalf("Probe made %d tables; it must change nothing", tables)
	}

	db, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreatePatient(ctx, &Patient{Name: "Probe Patient"}); err != nil {
		t.Fatal(err)
	}
	if s, ok := db.ServerSettings(); !ok || s.Database == "" || s.User == "" || s.Host == "" {
		t.Fatalf("ServerSettings of an open server database: %+v %v", s, ok)
	}
	db.Close()
	rep, err = Probe(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Empty || rep.Older || rep.Patients != 1 || rep.Handouts != 0 {
		t.Fatalf("database with one patient reported as %+v", rep)
	}

	other := freshServerDB(t)
	admin2, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer admin2.Close()
	if _, err := admin2.Exec("CREATE TABLE invoices (id int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := Probe(ctx, other); ErrorCode(err) != ESERVER || !strings.Contains(ErrorMessage(err), "another program's tables") {
		t.Fatalf("Probe of another program's database: %v", err)
	}
}

func TestPasswordSourceFollowsPGPASSFILE(t *testing.T) {
	t.Setenv("PGPASSFILE", "/srv/clinic/pgpass")
	t.Setenv("PGPASSWORD", "")
	file, env := PasswordSource()
	if file != "/srv/clinic/pgpass" || !env {
		t.Fatalf("PasswordSource = %q, %v", file, env)
	}
	u, _ := url.Parse(ServerSettings{Host: "db", Database: "clinic"}.Address())
	if u.User != nil {
		t.Fatal("an address without a user names one")
	}
}

// writeTestAuthority writes a self-signed certificate authority (PEM) and
// returns its path.
func writeTestAuthority(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Clinic test authority"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.crt")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
