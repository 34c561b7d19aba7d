package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector hands database/sql connections to a PostgreSQL server
// through pgx's database/sql layer, each wrapped in a pgConn: the store's
// SQL is written once for both backends, and the few differences that are
// about how a statement is sent, not what it says, are made here.
type pgConnector struct{ inner driver.Connector }

func newPGConnector(cfg *pgx.ConnConfig) driver.Connector {
	return pgConnector{inner: stdlib.GetConnector(*cfg)}
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return pgConn{conn.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection that takes the store's SQL: "?" placeholders
// become $1, $2, ...; Go bools are sent as the 0/1 integers both backends
// store; read-only transactions see one snapshot (repeatable read), as a
// SQLite read transaction does. Everything else is pgx's own.
type pgConn struct{ *stdlib.Conn }

func (c pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.Conn.PrepareContext(ctx, rebind(query))
	if err != nil {
		return nil, err
	}
	return pgStmt{st.(*stdlib.Stmt)}, nil
}

func (c pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return wrapRows(c.Conn.QueryContext(ctx, rebind(query), args))
}

func (c pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly && sql.IsolationLevel(opts.Isolation) == sql.LevelDefault {
		opts.Isolation = driver.IsolationLevel(sql.LevelRepeatableRead)
	}
	return c.Conn.BeginTx(ctx, opts)
}

func (c pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case bool:
		nv.Value = int64(0)
		if v {
			nv.Value = int64(1)
		}
		return nil
	case string:
		nv.Value = escapeText(v)
		return nil
	}
	return c.Conn.CheckNamedValue(nv)
}

// pgStmt is a prepared statement whose rows come back as pgConn's do.
type pgStmt struct{ *stdlib.Stmt }

func (s pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return wrapRows(s.Stmt.QueryContext(ctx, args))
}

// pgRows reads text as it was written (see escapeText).
type pgRows struct{ *stdlib.Rows }

func wrapRows(r driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, err
	}
	return pgRows{r.(*stdlib.Rows)}, nil
}

func (r pgRows) Next(dest []driver.Value) error {
	if err := r.Rows.Next(dest); err != nil {
		return err
	}
	for i, v := range dest {
		if s, ok := v.(string); ok {
			dest[i] = unescapeText(s)
		}
	}
	return nil
}

// PostgreSQL's text cannot hold the NUL character, which Chairside keeps
// in free text exactly as pasted (a SQLite file can). On a server a NUL is
// written as textEscape followed by '0', and textEscape itself (U+FFFF, a
// noncharacter that no keyboard or normal text produces) as textEscape
// followed by '1', so every string reads back exactly as written.
const textEscape = '\uFFFF'

func escapeText(s string) string {
	if !strings.ContainsRune(s, 0) && !strings.ContainsRune(s, textEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 0:
			b.WriteRune(textEscape)
			b.WriteByte('0')
		case textEscape:
			b.WriteRune(textEscape)
			b.WriteByte('1')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unescapeText(s string) string {
	if !strings.ContainsRune(s, textEscape) {
		return s
	}
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case esc && r == '0':
			b.WriteByte(0)
		case esc && r == '1':
			b.WriteRune(textEscape)
		case esc:
			b.WriteRune(textEscape) // not written by escapeText: kept as found
			b.WriteRune(r)
		case r == textEscape:
			esc = true
			continue
		default:
			b.WriteRune(r)
		}
		esc = false
	}
	if esc {
		b.WriteRune(textEscape)
	}
	return b.String()
}

// rebind numbers the "?" placeholders of query as $1, $2, ... for
// PostgreSQL, leaving question marks inside quoted strings, quoted names
// and comments alone.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+1])
			i += end
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
