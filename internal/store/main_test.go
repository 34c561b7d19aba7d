package store

import (
	"os"
	"testing"
)

// childEnv selects a child-process role when the test binary re-executes
// itself (crash and two-writer tests); childDB is the database it uses.
const (
	childEnv = "CHAIRSIDE_STORE_CHILD"
	childDB  = "CHAIRSIDE_STORE_CHILD_DB"
	// childBackups lists the backups a restoring child alternates between.
	childBackups = "CHAIRSIDE_STORE_CHILD_BACKUPS"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "crash":
		os.Exit(crashChild(os.Getenv(childDB)))
	case "writer":
		os.Exit(writerChild(os.Getenv(childDB)))
	case "chair":
		os.Exit(chairChild(os.Getenv(childDB)))
	case "restorer":
		os.Exit(restorerChild(os.Getenv(childDB), os.Getenv(childBackups)))
	}
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}
