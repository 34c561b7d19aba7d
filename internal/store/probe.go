package store

import (
	"context"
	"database/sql"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultServerPort is PostgreSQL's own port, used when a form leaves the
// port out.
const DefaultServerPort = 5432

// ServerSettings is a clinic server as a person sets it up in the app's
// form: where it is, which database, which user, and how the connection is
// protected. It never holds a password: the driver reads it where
// PostgreSQL's own tools do (PasswordSource).
type ServerSettings struct {
	// Host is a name, an IP address, or the folder of this computer's
	// server socket (/run/postgresql).
	Host string
	// Port is 5432 when 0.
	Port     int
	Database string
	// User is the PostgreSQL user; "" means this computer's user name, as
	// psql does.
	User string
	// PlainText sends everything unencrypted (sslmode=disable): only for
	// a network the clinic trusts with health records in plain text.
	// Otherwise the connection is encrypted and the server's certificate
	// checked against its authority and the host name (sslmode=verify-full).
	PlainText bool
	// CAFile is the certificate authority the server's certificate is
	// checked against (sslrootcert); "" for ~/.postgresql/root.crt.
	CAFile string
}

// Address is the postgres:// address Open takes for s. TLS is always
// spelled out, so that what the form said is what the driver does, for
// this computer's server as for any other.
func (s ServerSettings) Address() string {
	port := s.Port
	if port == 0 {
		port = DefaultServerPort
	}
	u := url.URL{Scheme: "postgres", Path: "/" + strings.TrimSpace(s.Database)}
	if user := strings.TrimSpace(s.User); user != "" {
		u.User = url.User(user)
	}
	q := url.Values{}
	host := strings.TrimSpace(s.Host)
	if strings.HasPrefix(host, "/") {
		// A socket folder cannot sit in the authority part of a URL.
		q.Set("host", host)
		q.Set("port", strconv.Itoa(port))
	} else {
		u.Host = net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(port))
	}
	if s.PlainText {
		q.Set("sslmode", "disable")
	} else {
		q.Set("sslmode", "verify-full")
		if ca := strings.TrimSpace(s.CAFile); ca != "" {
			q.Set("sslrootcert", ca)
		}
	}
	// A query may hold "/" as it is: a socket folder or a certificate's
	// path reads as a path.
	u.RawQuery = strings.ReplaceAll(q.Encode(), "%2F", "/")
	return u.String()
}

// ServerSettingsOf reads back the settings an address was made of (for a
// form showing the server in use). ok is false for an address that is not
// a server's.
func ServerSettingsOf(address string) (s ServerSettings, ok bool) {
	if !IsServerAddress(address) {
		return s, false
	}
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil {
		return s, false
	}
	q := u.Query()
	s.Host = u.Hostname()
	s.Port, _ = strconv.Atoi(u.Port())
	if h := q.Get("host"); h != "" && s.Host == "" {
		s.Host = h
	}
	if p := q.Get("port"); p != "" && s.Port == 0 {
		s.Port, _ = strconv.Atoi(p)
	}
	if s.Port == 0 {
		s.Port = DefaultServerPort
	}
	s.Database = strings.TrimPrefix(u.Path, "/")
	s.User = u.User.Username()
	s.PlainText = q.Get("sslmode") == "disable"
	s.CAFile = q.Get("sslrootcert")
	return s, true
}

// ShownAddress is address as Chairside shows it (postgres://USER@HOST:PORT/
// DATABASE: no password, no options), or address itself when it is a
// file's path. An address that cannot be read is shown by its scheme only.
func ShownAddress(address string) string {
	if !IsServerAddress(address) {
		return address
	}
	if _, shown, err := serverConfig(address); err == nil {
		return shown
	}
	// Not usable as it is (a certificate file gone, say): still shown
	// without a password or options.
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// Protection is how a connection to a server is protected on the way.
type Protection int

const (
	// ProtectionChecked: encrypted, and the server's certificate checked
	// against its authority and made out to the host named (verify-full).
	ProtectionChecked Protection = iota
	// ProtectionEncrypted: encrypted, but the certificate is not (or not
	// fully) checked, so a machine in the middle could pose as the server.
	ProtectionEncrypted
	// ProtectionPlain: plain text on the network (sslmode=disable, or a
	// mode that falls back to it).
	ProtectionPlain
	// ProtectionLocal: a socket on this computer; nothing crosses a
	// network.
	ProtectionLocal
)

// protectionOf is how cfg protects its first connection attempt; a
// fallback to plain text makes it plain.
func protectionOf(cfg *pgx.ConnConfig) Protection {
	if network, _ := pgconn.NetworkAddress(cfg.Host, cfg.Port); network == "unix" {
		return ProtectionLocal
	}
	t := cfg.TLSConfig
	if t == nil {
		return ProtectionPlain
	}
	for _, f := range cfg.Fallbacks {
		if f.TLSConfig == nil {
			return ProtectionPlain
		}
	}
	if t.InsecureSkipVerify {
		// require and verify-ca: encrypted, the host name not checked.
		return ProtectionEncrypted
	}
	return ProtectionChecked
}

// Protection is how the open server database's connections are protected;
// a file is ProtectionLocal.
func (db *DB) Protection() Protection {
	if db.server == nil {
		return ProtectionLocal
	}
	return protectionOf(db.server)
}

// ServerSettings names the open server database as the server's tools
// (psql, pg_dump) want it: host, port, user and database as the driver
// resolved them (PG* variables and defaults applied). ok is false for a
// file.
func (db *DB) ServerSettings() (s ServerSettings, ok bool) {
	if db.server == nil {
		return s, false
	}
	return ServerSettings{Host: db.server.Host, Port: int(db.server.Port), User: db.server.User,
		Database: db.server.Database, PlainText: db.Protection() == ProtectionPlain}, true
}

// ServerReport is what Probe found on a server.
type ServerReport struct {
	Address string // as shown: postgres://USER@HOST:PORT/DATABASE
	Version string // the server's version, e.g. "16.4"
	// Protection is how this connection was protected: Encrypted says
	// whether the server saw it encrypted, whatever was asked.
	Protection Protection
	Encrypted  bool
	// Empty: no tables yet; Chairside makes them on first use.
	Empty bool
	// Older: Chairside's tables from an older version, brought up to date
	// on first use.
	Older bool
	// Standby: the server takes no changes (a read-only standby).
	Standby bool
	// Patients and Handouts are how many Chairside's tables hold.
	Patients, Handouts int
}

// Probe connects to the server database at address and says what is
// there, changing nothing: Test connection in the app's form. It fails
// with the same messages as Open for each reason Open would refuse the
// database (unreachable, password, TLS, missing database, too old,
// another program's or a newer Chairside's tables, no right to make
// tables).
func Probe(ctx context.Context, address string) (ServerReport, error) {
	var rep ServerReport
	if !IsServerAddress(address) {
		return rep, errorf(EINVALID, nil, "The server address is not a valid postgres:// address; write it as postgres://USER@HOST:5432/DATABASE.")
	}
	cfg, shown, err := serverConfig(address)
	if err != nil {
		return rep, err
	}
	rep.Address = shown
	rep.Protection = protectionOf(cfg)
	pool := sql.OpenDB(newPGConnector(cfg))
	defer pool.Close()
	pool.SetMaxOpenConns(1)
	conn, err := pool.Conn(ctx)
	if err != nil {
		return rep, serverOpenError(shown, err)
	}
	defer conn.Close()
	var (
		num       int
		encrypted int
		standby   int
		create    int
	)
	err = conn.QueryRowContext(ctx, `SELECT current_setting('server_version_num')::int, current_setting('server_version'),
		coalesce((SELECT ssl::int FROM pg_stat_ssl WHERE pid = pg_backend_pid()), 0),
		pg_is_in_recovery()::int,
		coalesce(has_schema_privilege(current_schema(), 'CREATE')::int, 0)`).
		Scan(&num, &rep.Version, &encrypted, &standby, &create)
	if err != nil {
		return rep, serverOpenError(shown, err)
	}
	rep.Encrypted, rep.Standby = encrypted == 1, standby == 1
	if i := strings.IndexByte(rep.Version, ' '); i > 0 {
		rep.Version = rep.Version[:i] // "16.4 (Debian 16.4-1)"
	}
	if err := checkServerVersion(shown, num); err != nil {
		return rep, err
	}
	ver, known, err := serverSchemaVersion(ctx, conn)
	if err != nil {
		return rep, serverOpenError(shown, err)
	}
	if err := schemaRefusal(shown, ver, known); err != nil {
		return rep, err
	}
	latest := len(migrationsFor(postgresDialect))
	rep.Empty, rep.Older = ver == 0, ver > 0 && ver < latest
	if rep.Empty || rep.Older {
		// Open will make or change tables: the user must be allowed to.
		if create == 0 {
			return rep, noPrivilege(shown, nil)
		}
	}
	if !rep.Empty {
		if err := conn.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM handouts)").
			Scan(&rep.Patients, &rep.Handouts); err != nil {
			return rep, serverOpenError(shown, err)
		}
	}
	return rep, nil
}

// PasswordSource says where the driver looks for a server's password, as
// PostgreSQL's own tools do: the password file (PGPASSFILE, else
// ~/.pgpass, or %APPDATA%\postgresql\pgpass.conf on Windows) and whether
// PGPASSWORD is set (never its value).
func PasswordSource() (passfile string, envSet bool) {
	_, envSet = os.LookupEnv("PGPASSWORD")
	if p := os.Getenv("PGPASSFILE"); p != "" {
		return p, envSet
	}
	if runtime.GOOS == "windows" {
		if dir := os.Getenv("APPDATA"); dir != "" {
			return filepath.Join(dir, "postgresql", "pgpass.conf"), envSet
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".pgpass"), envSet
	}
	return ".pgpass", envSet
}
