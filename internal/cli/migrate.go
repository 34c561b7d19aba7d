package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"chairside/internal/safefile"
	"chairside/internal/store"
)

// A clinic's PostgreSQL server (issue 16): --db and CHAIRSIDE_DB take a
// postgres:// or postgresql:// address besides a plain file path, and
// `chairside migrate` moves a practice's records from a file to a server.

func init() {
	register(Command{Name: "migrate", Summary: "copy every record into an empty database (a file's records onto the clinic's server), then check the copy",
		Usage: "--from FILE|ADDRESS --to postgres://USER@HOST:5432/DATABASE", Run: runMigrate})
}

// isServerAddress reports a postgres:// or postgresql:// address.
func isServerAddress(v string) bool { return store.IsServerAddress(v) }

// checkServerAddress accepts a server address only without a password in
// it: a password typed into an address ends up in the shell's history,
// the process list and wherever the address is shown or kept. libpq's own
// places hold it instead (.pgpass, PGPASSWORD, a service file), where the
// driver finds it.
func checkServerAddress(from, v string) error {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" && u.Query().Get("host") == "" && u.Path == "" {
		return fmt.Errorf("%s: the server address cannot be read; write it as postgres://USER@HOST:5432/DATABASE", from)
	}
	if _, has := u.User.Password(); has {
		return fmt.Errorf("%s: the server address holds a password; Chairside never takes passwords in addresses (they end up in shell history and on screen). Remove it and put it in ~/.pgpass (or PGPASSWORD, or a service file), as for psql", from)
	}
	if u.Query().Get("password") != "" {
		return fmt.Errorf("%s: the server address holds a password= option; remove it and put the password in ~/.pgpass (or PGPASSWORD, or a service file), as for psql", from)
	}
	return nil
}

func runMigrate(env *Env, args []string) error {
	fs := newFlags(env)
	from := fs.String("from", "", "the database to copy from: a `file` (or a server address)")
	to := fs.String("to", "", "the empty database to copy into: a server `address` postgres://USER@HOST:5432/DATABASE (or a new file)")
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*from) == "" || strings.TrimSpace(*to) == "" {
		return errors.New("give both --from and --to, e.g. chairside migrate --from clinic.db --to postgres://ann@db.clinic.example/clinic")
	}
	if err := checkDBPath("--from", *from); err != nil {
		return err
	}
	if err := checkDBPath("--to", *to); err != nil {
		return err
	}
	if !isServerAddress(*from) {
		// Only an existing file is copied from: a missing one would be
		// created empty, and "copied" into the server as nothing.
		if fi, err := os.Stat(*from); err != nil || !fi.Mode().IsRegular() {
			return fmt.Errorf("--from: there is no database file at %s; give the clinic's database file", echo(*from))
		}
	}
	if !isServerAddress(*to) {
		// Never onto a database here (the one copied from, this computer's
		// own), its side files or backups; never over a file or into a
		// folder: SQLite would make the new database at whatever name
		// it is given, a -wal beside the source included.
		kind, err := checkTarget("--to", append(localDatabases(*from), ownDatabases()...), *to)
		if err != nil {
			return err
		}
		switch kind {
		case safefile.Regular:
			return errors.New("--to: that file exists; migrate copies only into a new file or an empty server database, so that no records are mixed or overwritten. Nothing was written")
		case safefile.Folder:
			return errors.New("--to is a folder; give the name of a new database file in it, e.g. --to clinic-copy.db. Nothing was written")
		}
	}
	ctx := context.Background()
	src, err := store.Open(*from)
	if err != nil {
		return storeError(err)
	}
	defer src.Close()
	if err := src.Health(ctx); err != nil {
		return storeError(err)
	}
	dst, err := store.Open(*to)
	if err != nil {
		return storeError(err)
	}
	defer dst.Close()
	if err := dst.Health(ctx); err != nil {
		return storeError(err)
	}
	rep, err := src.CopyInto(ctx, dst)
	if err != nil {
		if !isServerAddress(*to) {
			// The new file this command made holds nothing worth keeping:
			// no half-filled copy is left to be taken for the practice's.
			dst.Close()
			for _, f := range append([]string{*to}, store.SideFiles(*to)...) {
				os.Remove(f)
			}
		}
		return storeError(err)
	}
	fmt.Fprintf(env.Stdout, "Copied %s into %s: %s; every table compared and the copy checked. %s was not changed.\n", src.Path(), dst.Path(), rep, src.Path())
	return nil
}
