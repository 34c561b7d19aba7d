package store

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Error codes of a clinic server (issue 16), beside the file ones in
// error.go.
const (
	// EOFFLINE: the server cannot be reached (no route, not running, the
	// connection dropped mid-save). Nothing was changed by the attempt;
	// trying again later may work.
	EOFFLINE = "EOFFLINE"
	// ESERVER: the server answered but cannot be used as given (wrong
	// user or password, TLS refused, no such database, too old, another
	// program's tables). Someone must change the address or the server.
	ESERVER = "ESERVER"
)

// minServerVersion is the oldest PostgreSQL Chairside runs on (as
// server_version_num): identity columns, ON CONFLICT, RETURNING and
// repeatable-read snapshots are older, but 13 is the oldest tested
// against and its release line ended most recently.
const minServerVersion = 130000

// serverConnectTimeout bounds how long Open waits for a server that does
// not answer, unless the address sets connect_timeout.
const serverConnectTimeout = 10 * time.Second

// IsServerAddress reports whether s names a PostgreSQL server database
// (postgres://... or postgresql://...) rather than a file. It is the only
// form besides a plain file path that Open takes.
func IsServerAddress(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Server reports whether the database is on a PostgreSQL server rather
// than in a file on this computer.
func (db *DB) Server() bool { return db.dialect.server() }

// serverConfig turns a postgres:// address into pgx's connection settings
// and the form of the address Chairside shows (user, host, port and
// database: never a password, which stays where libpq's conventions keep
// it: .pgpass, PGPASSWORD, a service file).
//
// TLS: for any host that is not this computer the connection is
// sslmode=verify-full (encrypted, and the server's certificate checked
// against the system's or PGSSLROOTCERT's authorities and its name) unless
// the address or PGSSLMODE says otherwise. Modes that silently fall back
// to plain text (allow, prefer) are refused for such a host: plain text
// only when the clinic writes sslmode=disable.
func serverConfig(address string) (*pgx.ConnConfig, string, error) {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || u.Opaque != "" {
		return nil, "", errorf(EINVALID, nil, "The server address is not a valid postgres:// address; write it as postgres://USER@HOST:5432/DATABASE.")
	}
	q := u.Query()
	mode := q.Get("sslmode")
	if mode == "" {
		mode = os.Getenv("PGSSLMODE")
	}
	hosts := addressHosts(u)
	remote := ""
	for _, h := range hosts {
		if !localHost(h) {
			remote = h
			break
		}
	}
	if remote != "" {
		switch mode {
		case "":
			q.Set("sslmode", "verify-full")
			u.RawQuery = q.Encode()
		case "allow", "prefer":
			return nil, "", errorf(EINVALID, nil, "The server address asks for sslmode=%s, which sends health records as plain text whenever the server does not offer encryption. Leave sslmode out (Chairside then requires verify-full: encrypted, certificate checked), or write sslmode=disable only if the clinic's network is trusted for plain text.", mode)
		}
	}
	if q.Get("connect_timeout") == "" && os.Getenv("PGCONNECT_TIMEOUT") == "" {
		q.Set("connect_timeout", strconv.Itoa(int(serverConnectTimeout/time.Second)))
		u.RawQuery = q.Encode()
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		// pgx's parse errors may quote the address, password included:
		// say what is wrong without it.
		return nil, "", errorf(EINVALID, nil, "The server address could not be read (%s); write it as postgres://USER@HOST:5432/DATABASE with options such as ?sslmode=verify-full.", parseProblem(err))
	}
	cfg.RuntimeParams["application_name"] = "Chairside"
	return cfg, shownAddress(cfg), nil
}

// addressHosts are the hosts an address names: host:port lists, a ?host=
// option (a socket folder), else PGHOST; none means this computer's
// socket.
func addressHosts(u *url.URL) []string {
	var out []string
	for _, hp := range strings.Split(u.Host, ",") {
		if hp == "" {
			continue
		}
		h := hp
		if host, _, err := net.SplitHostPort(hp); err == nil {
			h = host
		}
		out = append(out, strings.Trim(h, "[]"))
	}
	if h := u.Query().Get("host"); h != "" {
		out = append(out, strings.Split(h, ",")...)
	}
	if len(out) == 0 && os.Getenv("PGHOST") != "" {
		out = strings.Split(os.Getenv("PGHOST"), ",")
	}
	return out
}

// localHost reports whether h is this computer: a socket folder, the
// loopback names and addresses.
func localHost(h string) bool {
	if h == "" || strings.HasPrefix(h, "/") || strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// shownAddress is the address as Chairside shows and records it: no
// password, no options.
func shownAddress(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", url.PathEscape(cfg.User), host, cfg.Port, url.PathEscape(cfg.Database))
}

// parseProblem is the reason in pgx's parse error without the address.
func parseProblem(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	if len(msg) > 80 {
		msg = msg[:80] + "…"
	}
	return msg
}

// openServer opens (and creates or upgrades the tables of) a database on
// a PostgreSQL server. The server keeps its own files, locks and backups,
// so none of a file's guards apply: no lock file, no modes, no automatic
// backup copies.
func openServer(address string) (*DB, error) {
	cfg, shown, err := serverConfig(address)
	if err != nil {
		return nil, err
	}
	pool := sql.OpenDB(newPGConnector(cfg))
	// A chair needs few connections; a clinic's server serves several
	// chairs and has max_connections for all of them.
	pool.SetMaxOpenConns(6)
	pool.SetMaxIdleConns(2)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{path: shown, now: time.Now, checked: make(chan struct{}), dialect: postgresDialect, server: cfg, w: pool, r: pool}
	ctx := context.Background()
	fail := func(err error) (*DB, error) {
		pool.Close()
		return nil, err
	}
	if err := pool.PingContext(ctx); err != nil {
		return fail(serverOpenError(shown, err))
	}
	var num int
	if err := pool.QueryRowContext(ctx, "SELECT current_setting('server_version_num')::int").Scan(&num); err != nil {
		return fail(serverOpenError(shown, err))
	}
	if err := checkServerVersion(shown, num); err != nil {
		return fail(err)
	}
	if err := db.migrateServer(ctx); err != nil {
		return fail(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	db.stopCheck = cancel
	go func() {
		defer close(db.checked)
		if err := backgroundCheckServer(cctx, pool); err != nil && cctx.Err() == nil {
			db.healthErr = serverOpenError(shown, err)
		}
	}()
	return db, nil
}

// checkServerVersion refuses a server older than minServerVersion.
func checkServerVersion(shown string, num int) error {
	if num >= minServerVersion {
		return nil
	}
	return errorf(ESERVER, nil, "The server at %s runs PostgreSQL %d.%d, which is too old for Chairside (it needs %d or newer). Ask the clinic's IT to upgrade the server. Nothing was changed.",
		shown, num/10000, num%10000/100, minServerVersion/10000)
}

// backgroundCheckServer is the server's part of the check after Open:
// the server itself keeps pages whole and foreign keys enforced (its
// integrity is its own and pg_amcheck's job), so what remains is the
// app's own rule that every handout has its current revision.
func backgroundCheckServer(ctx context.Context, q querier) error {
	problems, err := consistencyProblems(ctx, q, postgresDialect, false)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %d problem(s), first: %s", errInconsistent, len(problems), problems[0])
	}
	return nil
}

// schemaComment marks schema_migrations as Chairside's on a server (the
// SQLite file's application ID): other programs keep a table of that name
// too.
const schemaComment = "Chairside schema versions"

// serverSchemaVersion reads the migration level of the database's
// current schema without writing. known is false when the schema holds
// another program's tables.
func serverSchemaVersion(ctx context.Context, q querier) (version int, known bool, err error) {
	var (
		schema        sql.NullString
		tables        int
		hasMigrations bool
		comment       sql.NullString
	)
	// Every part is read from pg_class through the statement's one
	// snapshot. to_regclass looked the table up through the catalogue's
	// own, newer snapshot: when another chair's first step committed in
	// between, schema_migrations was found while its comment and the count
	// of tables were not, which read as another program's tables (four
	// chairs starting together on a new database were refused so about
	// once in 200 runs).
	err = q.QueryRowContext(ctx, `WITH own AS (SELECT c.oid, c.relname, c.relkind FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()),
		versions AS (SELECT oid FROM own WHERE relname = 'schema_migrations')
		SELECT current_schema(),
			(SELECT count(*) FROM own WHERE relkind IN ('r', 'p')),
			EXISTS (SELECT 1 FROM versions),
			(SELECT obj_description(oid, 'pg_class') FROM versions)`).
		Scan(&schema, &tables, &hasMigrations, &comment)
	if err != nil {
		return 0, false, err
	}
	if !schema.Valid {
		return 0, false, errNoSchema
	}
	if !hasMigrations {
		return 0, tables == 0, nil
	}
	if comment.String != schemaComment {
		return 0, false, nil
	}
	var recorded sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&recorded); err != nil {
		return 0, false, err
	}
	return int(recorded.Int64), true, nil
}

// errNoSchema: the user's search_path names no schema that exists, so
// there is nowhere to make tables.
var errNoSchema = errors.New("no current schema")

// migrateServer brings the server's tables to this version, each step in
// one transaction under an advisory lock, so that two chairs starting at
// once never apply a step twice; a newer or foreign schema is refused
// untouched.
func (db *DB) migrateServer(ctx context.Context) error {
	list := migrationsFor(postgresDialect)
	ver, known, err := serverSchemaVersion(ctx, db.w)
	if err != nil {
		return serverOpenError(db.path, err)
	}
	if err := schemaRefusal(db.path, ver, known); err != nil {
		return err
	}
	for _, m := range list[ver:] {
		if err := db.applyServer(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// schemaRefusal is why the tables of the server database shown cannot be
// used (another program's, or a newer Chairside's), or nil. Open and
// Probe refuse with the same words.
func schemaRefusal(shown string, ver int, known bool) error {
	if !known {
		return errorf(ESERVER, nil, "The database %s holds another program's tables, not Chairside's. Give Chairside a database of its own (for example: createdb clinic) and use its address. Nothing was changed.", shown)
	}
	if n := len(migrationsFor(postgresDialect)); ver > n {
		return errorf(ENEWER, nil, "The database %s was set up by a newer version of Chairside (database version %d; this program knows up to %d). Install the newer Chairside on this computer. Nothing was changed.", shown, ver, n)
	}
	return nil
}

// migrationLockKey is the advisory lock that serialises Chairside's
// migrations on one server (its value is the application ID, "CHRS").
const migrationLockKey = applicationID

func (db *DB) applyServer(ctx context.Context, m migration) error {
	fail := func(err error) error {
		return serverOpenError(db.path, fmt.Errorf("migration %s: %w", m.name, err))
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(migrationLockKey)); err != nil {
		return fail(err)
	}
	// Another chair may have applied it while this one waited for the lock.
	ver, known, err := serverSchemaVersion(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if !known {
		return errorf(ESERVER, nil, "The database %s holds another program's tables, not Chairside's. Nothing was changed.", db.path)
	}
	if ver >= m.version {
		return nil
	}
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`,
		"COMMENT ON TABLE schema_migrations IS '" + schemaComment + "'",
		m.sql,
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fail(err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, db.now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// serverOpenError says what went wrong reaching or setting up the
// server database shown, in words the clinic's IT person can act on.
func serverOpenError(shown string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, errInconsistent) {
		return errorf(ECORRUPT, err, "The database %s holds records that do not fit together (a handout without its current revision). Nothing more is saved to it; ask the clinic's IT to restore the server's last backup.", shown)
	}
	if errors.Is(err, errNoSchema) {
		return errorf(ESERVER, err, "The database %s has no schema this user can make tables in (the search_path names none that exists). Ask the clinic's IT to give the user a schema, or to make it the database's owner. Nothing was changed.", shown)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01":
			return errorf(ESERVER, err, "The server at %s refused the password for this user. Check the password in the user's .pgpass file or PGPASSWORD (Chairside never stores it). Nothing was changed.", shown)
		case pe.Code == "28000":
			return errorf(ESERVER, err, "The server at %s does not let this user in from this computer (its pg_hba.conf has no rule for it, or the login is refused). Ask the clinic's IT to allow it. Nothing was changed.", shown)
		case pe.Code == "3D000":
			return errorf(ESERVER, err, "The database named in %s does not exist on the server. Check its name, or ask the clinic's IT to create it (createdb). Nothing was changed.", shown)
		case pe.Code == "42501":
			return noPrivilege(shown, err)
		case pe.Code == "53300" || pe.Code == "57P03":
			return errorf(EOFFLINE, err, "The server at %s is not taking connections right now (starting up, or too many connections). Try again in a moment.", shown)
		}
	}
	if tlsProblem(err) {
		return errorf(ESERVER, err, "The secure (TLS) connection to %s failed: the server offers no encryption, or its certificate is not trusted or not made out to that name. Ask the clinic's IT for the server's certificate authority (put it in ~/.postgresql/root.crt or name it with sslrootcert=), or, only on a network trusted for plain text, add sslmode=disable to the address. Nothing was sent.", shown)
	}
	if unreachable(err) {
		return errorf(EOFFLINE, err, "Cannot reach the database server at %s (no route to it, the server is not running, or a firewall blocks it). Check the address and the network, then try again. Nothing was changed.", shown)
	}
	return errorf(ESERVER, err, "Cannot use the database at %s. Nothing was changed.", shown)
}

// noPrivilege: the user may not make Chairside's tables in the database
// shown (Open found it on trying, Probe by asking).
func noPrivilege(shown string, err error) error {
	return errorf(ESERVER, err, "The user in %s may not create or change Chairside's tables there. Ask the clinic's IT to make the user the database's owner. Nothing was changed.", shown)
}

// tlsProblem reports a failed TLS negotiation or certificate check.
func tlsProblem(err error) bool {
	var (
		cv  *tls.CertificateVerificationError
		ua  x509.UnknownAuthorityError
		he  x509.HostnameError
		cie x509.CertificateInvalidError
		rh  tls.RecordHeaderError
	)
	if errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &cie) || errors.As(err, &rh) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "server refused TLS connection") || strings.Contains(msg, "tls: ")
}

// unreachable reports a server that could not be reached or dropped the
// connection.
func unreachable(err error) bool {
	var (
		ne  net.Error
		oe  *net.OpError
		dns *net.DNSError
	)
	if errors.As(err, &oe) || errors.As(err, &dns) || errors.As(err, &ne) {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, net.ErrClosed) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		var pe *pgconn.PgError
		return !errors.As(err, &pe)
	}
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}

// serverWorkError maps a server failure during normal work (what says
// what was being done), or returns nil for an error that is not the
// server's.
func serverWorkError(what string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "40001" || pe.Code == "40P01" || pe.Code == "55P03":
			return errorf(EBUSY, err, "Could not %s: another chair was changing the same records at that moment. Nothing was lost; try again.", what)
		case pe.Code == "53100":
			return errorf(EREADONLY, err, "Could not %s: the server's disk is full. Nothing already saved was lost; ask the clinic's IT to free space, then try again.", what)
		case pe.Code == "25006":
			return errorf(EREADONLY, err, "Could not %s: the server takes no changes (it is a read-only standby). Everything can still be read; ask the clinic's IT which server to use for saving.", what)
		case strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P"):
			return errorf(EOFFLINE, err, "Could not %s: the connection to the clinic's server was lost. This change was not saved; keep the window open and try again when the server is back.", what)
		}
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	if unreachable(err) {
		return errorf(EOFFLINE, err, "Could not %s: the connection to the clinic's server was lost. This change was not saved; keep the window open and try again when the server is back.", what)
	}
	return nil
}
