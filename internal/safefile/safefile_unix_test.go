//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

func TestCreateExclusiveSetsTheModeAsked(t *testing.T) {
	// The mode asked for is the mode given, whatever the umask says.
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "backup.db")
	f, err := CreateExclusive(path, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("records"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode(); got != 0o640 {
		t.Errorf("mode %v, want -rw-r-----", got)
	}
}

func TestCreateExclusiveNeverReplacesOrFollows(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.db")
	if err := os.WriteFile(existing, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling")
	target := filepath.Join(dir, "where-the-link-points")
	if err := os.Symlink(target, dangling); err != nil {
		t.Fatal(err)
	}
	linkToFile := filepath.Join(dir, "link-to-existing")
	if err := os.Symlink(existing, linkToFile); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{existing, dangling, linkToFile, dir} {
		f, err := CreateExclusive(path, 0o600)
		if err == nil {
			f.Close()
			t.Errorf("CreateExclusive(%s) succeeded over an existing entry", filepath.Base(path))
			continue
		}
		if !errors.Is(err, fs.ErrExist) {
			t.Errorf("CreateExclusive(%s): %v, want an fs.ErrExist error", filepath.Base(path), err)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("existing file changed to %q", b)
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the dangling link was followed: %v", err)
	}
}

func TestKindOf(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "l")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tests := []struct {
		path string
		want Kind
	}{
		{file, Regular},
		{dir, Folder},
		{link, Link},
		{fifo, Special},
		{sock, Special},
		{os.DevNull, Special},
		{filepath.Join(dir, "none"), Missing},
	}
	for _, tt := range tests {
		got, err := KindOf(tt.path)
		if err != nil || got != tt.want {
			t.Errorf("KindOf(%s) = %v, %v; want %v", tt.path, got, err, tt.want)
		}
	}
}

func TestIsRegularFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	toFile, toNull := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink(file, toFile); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(os.DevNull, toNull); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{file: true, toFile: true, toNull: false, dir: false, os.DevNull: false, filepath.Join(dir, "x"): false} {
		got, err := IsRegular(path)
		if err != nil || got != want {
			t.Errorf("IsRegular(%s) = %v, %v; want %v", path, got, err, want)
		}
	}
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "clinic.db")
	if err := os.WriteFile(db, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	copyOf := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(copyOf, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	dotted := dir + string(filepath.Separator) + "." + string(filepath.Separator) + "clinic.db"
	for _, tt := range []struct {
		b    string
		want bool
	}{
		{db, true}, {link, true}, {hard, true}, {dotted, true},
		{copyOf, false}, {filepath.Join(dir, "missing.db"), false},
	} {
		got, err := SameFile(db, tt.b)
		if err != nil || got != tt.want {
			t.Errorf("SameFile(clinic.db, %s) = %v, %v; want %v", tt.b, got, err, tt.want)
		}
	}
	if runtime.GOOS == "linux" {
		// A link that points at itself is a path problem, not a crash.
		loop := filepath.Join(dir, "loop")
		if err := os.Symlink(loop, loop); err != nil {
			t.Fatal(err)
		}
		if _, err := SameFile(db, loop); err == nil {
			t.Error("SameFile through a link loop: no error")
		}
	}
}

func TestRenameNoReplace(t *testing.T) {
	dir := t.TempDir()
	tmp, target := filepath.Join(dir, ".tmp"), filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(tmp, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := RenameNoReplace(tmp, target); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("over an existing file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Errorf("existing file is now %q", b)
	}
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := RenameNoReplace(tmp, dangling); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("over a dangling link: %v, want fs.ErrExist", err)
	}
	fresh := filepath.Join(dir, "fresh.pdf")
	if err := RenameNoReplace(tmp, fresh); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(fresh); string(b) != "new" {
		t.Errorf("moved file holds %q", b)
	}
	if _, err := os.Lstat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary name is still there: %v", err)
	}
}
