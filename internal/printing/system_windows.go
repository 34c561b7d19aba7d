//go:build windows

package printing

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// platform is the Windows shell: the default PDF application's own
// "print" and "open" commands (its verbs), run through ShellExecuteW.
//
// Why ShellExecute: it is what Explorer's "Print" menu item does, so it
// prints with whatever PDF application the clinic has chosen; it answers
// at once, with a code, whether that application has a print command at
// all (some PDF applications, web browsers among them, only open files);
// and it starts no console window. The alternatives tell us less: `cmd /c
// start` has no print option, reports only cmd's own exit status (a missing
// application shows an error window instead) and needs cmd's quoting for
// names with & or ^; PowerShell's Start-Process -Verb Print takes seconds
// to start and is often blocked by clinic IT policy.
func platform() system {
	return system{print: shellPrint, open: shellOpen}
}

func shellPrint(path string) (string, bool, error) {
	code, err := shellExecute("print", path)
	switch {
	case err != nil:
		return "", false, err
	case code == seErrNoAssoc:
		return "", false, errors.New("your PDF application cannot print a file it is handed (it has no print command)")
	case code <= 32:
		return "", false, fmt.Errorf("your PDF application did not print it (%s)", shellError(code))
	}
	// The application reads the file after ShellExecute returns, so the
	// file must stay: copied is false.
	return "your PDF application", false, nil
}

func shellOpen(path string) error {
	code, err := shellExecute("open", path)
	switch {
	case err != nil:
		return err
	case code == seErrNoAssoc:
		return errors.New("Windows has no program set up for PDF files")
	case code <= 32:
		return fmt.Errorf("Windows could not open it: %s", shellError(code))
	}
	return nil
}

var procShellExecuteW = windows.NewLazySystemDLL("shell32.dll").NewProc("ShellExecuteW")

// ShellExecuteW's answers of 32 or less are failures; these are the ones
// a clinic can meet (winuser's SE_ERR_* codes).
const (
	seErrFileNotFound    = 2
	seErrPathNotFound    = 3
	seErrAccessDenied    = 5
	seErrOutOfMemory     = 8
	seErrShare           = 26
	seErrAssocIncomplete = 27
	seErrDDETimeout      = 28
	seErrDDEFail         = 29
	seErrDDEBusy         = 30
	seErrNoAssoc         = 31
)

func shellError(code uintptr) string {
	switch code {
	case 0, seErrOutOfMemory:
		return "Windows is out of memory"
	case seErrFileNotFound, seErrPathNotFound:
		return "the file was not found"
	case seErrAccessDenied:
		return "access was denied"
	case seErrShare:
		return "the file is in use by another program"
	case seErrAssocIncomplete:
		return "the PDF file type is not fully set up in Windows"
	case seErrDDETimeout, seErrDDEFail, seErrDDEBusy:
		return "the PDF application did not answer"
	}
	return fmt.Sprintf("Windows error %d", code)
}

// shellExecute runs verb on the file and returns ShellExecuteW's answer:
// above 32 on success, else an SE_ERR_* code. It is called directly rather
// than through x/sys/windows.ShellExecute, which keeps only GetLastError
// and loses that code.
func shellExecute(verb, path string) (uintptr, error) {
	v, err := windows.UTF16PtrFromString(verb)
	if err != nil {
		return 0, err
	}
	f, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, fmt.Errorf("the file name cannot be handed to Windows: %w", err)
	}
	if err := procShellExecuteW.Find(); err != nil {
		return 0, fmt.Errorf("the Windows shell is not available: %w", err)
	}
	// ShellExecute may hand the file to a shell extension through COM,
	// which must be set up on the calling thread first (Microsoft's
	// ShellExecute documentation says so); the thread is held for that.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	switch hr := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); hr {
	case nil, syscall.Errno(1): // S_OK, or S_FALSE: already set up; both need the matching call
		defer windows.CoUninitialize()
	}
	code, _, _ := procShellExecuteW.Call(0, uintptr(unsafe.Pointer(v)), uintptr(unsafe.Pointer(f)), 0, 0, windows.SW_SHOWNORMAL)
	return code, nil
}
