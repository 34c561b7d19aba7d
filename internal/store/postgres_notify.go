package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Change is one committed change to a server database, as another chair
// (or this one) saved it: what changed and its IDs, never its contents.
type Change struct {
	// Kind is ChangePatient, ChangeHandout, ChangeClinic, or ChangeResync
	// after the listening connection was lost and made again (changes may
	// have been missed meanwhile: reload what is shown).
	Kind      string
	PatientID int64 // the patient added or changed, or the handout's patient
	HandoutID int64
}

// Kinds of Change.
const (
	ChangePatient = "patient"
	ChangeHandout = "handout"
	ChangeClinic  = "clinic"
	ChangeResync  = "resync"
)

// notify announces a change inside tx on a server database, delivered to
// every listening chair when tx commits (and never if it rolls back). On
// a file it does nothing. The channel is per schema, so two clinics'
// schemas on one server never hear each other.
func (db *DB) notify(ctx context.Context, tx *sql.Tx, kind string, patientID, handoutID int64) error {
	if !db.dialect.server() {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_notify("+changeChannelSQL+", ?)", formatChange(kind, patientID, handoutID))
	return err
}

// changeChannelSQL is the LISTEN channel of the current schema: a digest
// of its name, because a schema's name may be as long as a channel's may
// be (63 bytes), and the prefix would not fit beside it.
const changeChannelSQL = "'chairside_' || md5(current_schema())"

// Changes returns the changes committed to a server database from now
// until ctx ends (then the channel closes): a patient added or changed, a
// handout saved, the clinic settings saved, by any chair. It listens on a
// connection of its own; when that connection is lost it connects again
// (every few seconds until the server is back) and sends ChangeResync. On
// a database file there are no such notices: it returns nil, nil (a nil
// channel never delivers).
func (db *DB) Changes(ctx context.Context) (<-chan Change, error) {
	if !db.dialect.server() {
		return nil, nil
	}
	conn, channel, err := db.listen(ctx)
	if err != nil {
		return nil, serverOpenError(db.path, err)
	}
	out := make(chan Change, 64)
	go func() {
		defer close(out)
		defer func() {
			if conn != nil {
				conn.Close(context.Background())
			}
		}()
		send := func(c Change) bool {
			select {
			case out <- c:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for {
			n, err := conn.WaitForNotification(ctx)
			if ctx.Err() != nil {
				return
			}
			if err == nil {
				if c, ok := parseChange(n.Payload); ok && !send(c) {
					return
				}
				continue
			}
			conn.Close(context.Background())
			conn = nil
			for conn == nil {
				select {
				case <-ctx.Done():
					return
				case <-time.After(2 * time.Second):
				}
				if c, ch, err := db.listen(ctx); err == nil && ch == channel {
					conn = c
				} else if err == nil {
					c.Close(context.Background())
				}
			}
			if !send(Change{Kind: ChangeResync}) {
				return
			}
		}
	}()
	return out, nil
}

// listen opens the listening connection and subscribes it.
func (db *DB) listen(ctx context.Context) (*pgx.Conn, string, error) {
	conn, err := pgx.ConnectConfig(ctx, db.server.Copy())
	if err != nil {
		return nil, "", err
	}
	var channel string
	if err := conn.QueryRow(ctx, "SELECT "+changeChannelSQL).Scan(&channel); err != nil {
		conn.Close(context.Background())
		return nil, "", err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, "", err
	}
	return conn, channel, nil
}

// formatChange and parseChange are the notice's payload: "kind patient
// handout", IDs only.
func formatChange(kind string, patientID, handoutID int64) string {
	return fmt.Sprintf("%s %d %d", kind, patientID, handoutID)
}

func parseChange(payload string) (Change, bool) {
	f := strings.Fields(payload)
	if len(f) != 3 {
		return Change{}, false
	}
	p, err1 := strconv.ParseInt(f[1], 10, 64)
	h, err2 := strconv.ParseInt(f[2], 10, 64)
	if err1 != nil || err2 != nil {
		return Change{}, false
	}
	switch f[0] {
	case ChangePatient, ChangeHandout, ChangeClinic:
		return Change{Kind: f[0], PatientID: p, HandoutID: h}, true
	}
	return Change{}, false
}
