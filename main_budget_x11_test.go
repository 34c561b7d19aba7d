//go:build e2e

package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// budgetX reads a window's place and pixels straight from the X server,
// over one connection kept open for the whole measure. The budget's
// start-up is "launch to the window painted", read off the screen; taken
// with ImageMagick's import (a new process that loads its libraries and
// writes the whole screen out each time) one look took 0.2 s on the idle
// machine and up to 1 s on a busy one, so the figure came in whole
// screenshots: a program painted just after a look began was only seen
// at the end of the next one. One GetImage of the window over the open
// socket takes a few milliseconds, so the start-up is read to within
// about one polling interval (budgetPoll) and both programs are read
// the same way.
type budgetX struct {
	c      net.Conn
	root   uint32
	screen image.Rectangle
}

// budgetDialX connects to display (":N") without authorisation, as Xvfb
// started by the benchmark accepts local clients, and checks that the
// screen is one the pixel reader understands: 24-bit colour in 32-bit
// little-endian pixels, as Xvfb's default visual is.
func budgetDialX(display string) (*budgetX, error) {
	num := strings.TrimPrefix(display, ":")
	c, err := net.DialTimeout("unix", "/tmp/.X11-unix/X"+num, 5*time.Second)
	if err != nil {
		var err2 error
		if c, err2 = net.DialTimeout("unix", "@/tmp/.X11-unix/X"+num, 5*time.Second); err2 != nil {
			return nil, err
		}
	}
	le := binary.LittleEndian
	if _, err := c.Write([]byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		c.Close()
		return nil, err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(c, head); err != nil {
		c.Close()
		return nil, err
	}
	setup := make([]byte, int(le.Uint16(head[6:]))*4)
	if _, err := io.ReadFull(c, setup); err != nil {
		c.Close()
		return nil, err
	}
	if head[0] != 1 {
		c.Close()
		return nil, fmt.Errorf("X server refused the connection: %q", setup)
	}
	fail := func(why string) (*budgetX, error) {
		c.Close()
		return nil, fmt.Errorf("X server's screen: %s", why)
	}
	if len(setup) < 32 {
		return fail("set-up reply too short")
	}
	vendor := int(le.Uint16(setup[16:]))
	formats := int(setup[21])
	if setup[22] != 0 {
		return fail("pixels not in little-endian order")
	}
	at := 32 + (vendor+3)/4*4
	bpp24 := 0
	for i := 0; i < formats; i++ {
		if at+8 > len(setup) {
			return fail("set-up reply too short")
		}
		if setup[at] == 24 {
			bpp24 = int(setup[at+1])
		}
		at += 8
	}
	if at+40 > len(setup) {
		return fail("set-up reply too short")
	}
	if depth := setup[at+38]; depth != 24 || bpp24 != 32 {
		return fail(fmt.Sprintf("depth %d in %d-bit pixels, not 24 in 32", depth, bpp24))
	}
	return &budgetX{c: c, root: le.Uint32(setup[at:]),
		screen: image.Rect(0, 0, int(le.Uint16(setup[at+20:])), int(le.Uint16(setup[at+22:])))}, nil
}

func (x *budgetX) Close() error { return x.c.Close() }

// request sends one request and returns its reply: the 32-byte head and
// what follows it.
func (x *budgetX) request(req []byte) (head, more []byte, err error) {
	le := binary.LittleEndian
	x.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := x.c.Write(req); err != nil {
		return nil, nil, err
	}
	for {
		head = make([]byte, 32)
		if _, err := io.ReadFull(x.c, head); err != nil {
			return nil, nil, err
		}
		switch head[0] {
		case 0:
			return nil, nil, fmt.Errorf("X error code %d for request %d", head[1], req[0])
		case 1:
			more = make([]byte, int(le.Uint32(head[4:]))*4)
			if _, err := io.ReadFull(x.c, more); err != nil {
				return nil, nil, err
			}
			return head, more, nil
		}
		// an event: none is selected, but skip any
	}
}

// geometry is window win's place on the screen, as xdotool
// getwindowgeometry gives it.
func (x *budgetX) geometry(win string) (e2eRect, error) {
	id, err := strconv.ParseUint(win, 10, 32)
	if err != nil {
		return e2eRect{}, fmt.Errorf("window id %q: %v", win, err)
	}
	le := binary.LittleEndian
	req := make([]byte, 8)
	req[0] = 14 // GetGeometry
	le.PutUint16(req[2:], 2)
	le.PutUint32(req[4:], uint32(id))
	g, _, err := x.request(req)
	if err != nil {
		return e2eRect{}, err
	}
	req = make([]byte, 16)
	req[0] = 40 // TranslateCoordinates of the window's corner to the root
	le.PutUint16(req[2:], 4)
	le.PutUint32(req[4:], uint32(id))
	le.PutUint32(req[8:], x.root)
	t, _, err := x.request(req)
	if err != nil {
		return e2eRect{}, err
	}
	// xdotool's place is the border's outer corner, its size the inside's
	border := int(le.Uint16(g[20:]))
	r := e2eRect{X: int(int16(le.Uint16(t[12:]))) - border, Y: int(int16(le.Uint16(t[14:]))) - border,
		W: int(le.Uint16(g[16:])), H: int(le.Uint16(g[18:]))}
	if r.W <= 0 || r.H <= 0 {
		return r, fmt.Errorf("window %s has no size", win)
	}
	return r, nil
}

// grab is the screen's pixels in r (screen coordinates; the image keeps
// them, so the screenshot helpers read it as they read a whole screen).
func (x *budgetX) grab(r image.Rectangle) (*image.RGBA, error) {
	// GetImage refuses a rectangle reaching off the screen
	if r = r.Intersect(x.screen); r.Empty() {
		return nil, errors.New("the window is off the screen")
	}
	le := binary.LittleEndian
	req := make([]byte, 20)
	req[0] = 73 // GetImage
	req[1] = 2  // ZPixmap
	le.PutUint16(req[2:], 5)
	le.PutUint32(req[4:], x.root)
	le.PutUint16(req[8:], uint16(int16(r.Min.X)))
	le.PutUint16(req[10:], uint16(int16(r.Min.Y)))
	le.PutUint16(req[12:], uint16(r.Dx()))
	le.PutUint16(req[14:], uint16(r.Dy()))
	le.PutUint32(req[16:], 0xffffffff)
	_, data, err := x.request(req)
	if err != nil {
		return nil, err
	}
	if len(data) < r.Dx()*r.Dy()*4 {
		return nil, errors.New("GetImage returned fewer pixels than asked for")
	}
	img := image.NewRGBA(r)
	for i := 0; i < r.Dx()*r.Dy(); i++ {
		// B, G, R, unused: TrueColor with red in the high byte
		img.Pix[i*4], img.Pix[i*4+1], img.Pix[i*4+2], img.Pix[i*4+3] = data[i*4+2], data[i*4+1], data[i*4], 255
	}
	return img, nil
}

// TestBudgetLookMatchesImport shows a picture of many colours in a window
// (ImageMagick's display) and reads it back both ways: budgetX must find
// the window where xdotool does and read the same pixels import does, or
// the budget's start-up would be judged on a wrong picture.
func TestBudgetLookMatchesImport(t *testing.T) {
	if testing.Short() {
		t.Skip("drives an X server; skipped with -short")
	}
	if missing := e2eMissingTools(); len(missing) > 0 {
		t.Skipf("needs %s (make setup installs them)", strings.Join(missing, ", "))
	}
	if _, err := exec.LookPath("display"); err != nil {
		t.Skip("needs ImageMagick's display (make setup installs it)")
	}
	dir := t.TempDir()
	pic := image.NewRGBA(image.Rect(0, 0, 220, 130))
	for y := 0; y < 130; y++ {
		for x := 0; x < 220; x++ {
			pic.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y * 2), uint8(x*y + 40), 255})
		}
	}
	file := filepath.Join(dir, "look.png")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, pic); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	display := e2eStartXvfbSized(t, "640x480x24")
	show := exec.Command("display", "-geometry", "+37+21", "-title", "BudgetLook", file)
	show.Env = e2eEnv(display, dir)
	a := e2eLaunch(t, &e2eApp{cmd: show, name: "BudgetLook", display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)})
	win := ""
	for deadline := time.Now().Add(30 * time.Second); win == ""; win = a.window() {
		if time.Now().After(deadline) {
			t.Fatalf("display showed no window within 30 s: %s", a.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
	x, err := budgetDialX(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// the window may still be settling: compare once two reads agree
	var mine e2eRect
	var grabbed, shot *image.RGBA
	for deadline := time.Now().Add(30 * time.Second); ; {
		if mine, err = x.geometry(win); err != nil {
			t.Fatal(err)
		}
		theirs, err := a.geometry(win)
		if err != nil {
			t.Fatal(err)
		}
		if grabbed, err = x.grab(mine.rect()); err != nil {
			t.Fatal(err)
		}
		if shot, err = a.screenshot(); err != nil {
			t.Fatal(err)
		}
		if mine == theirs && e2eChanged(grabbed, shot, mine.rect()) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("budgetX reads window %s at %+v, xdotool at %+v; %d pixels differ from import's",
				win, mine, theirs, e2eChanged(grabbed, shot, mine.rect()))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if grabbed.Bounds() != mine.rect() {
		t.Fatalf("the picture covers %v, the window %v", grabbed.Bounds(), mine.rect())
	}
	// the picture itself, not a blank window, was compared
	seen := map[color.RGBA]bool{}
	for y := mine.Y; y < mine.Y+mine.H; y++ {
		for x := mine.X; x < mine.X+mine.W; x++ {
			seen[grabbed.RGBAAt(x, y)] = true
		}
	}
	if len(seen) < 1000 {
		t.Fatalf("only %d colours in the window: the picture was not on screen", len(seen))
	}
}

// BenchmarkBudgetLook is what one look at a starting window costs the
// budget's machine (the X server's copy and the reading of it): with
// budgetPoll between looks it says how much of a core the looking takes
// from the programs being measured.
func BenchmarkBudgetLook(b *testing.B) {
	if missing := e2eMissingTools(); len(missing) > 0 {
		b.Skipf("needs %s (make setup installs them)", strings.Join(missing, ", "))
	}
	display := e2eStartXvfbSized(b, budgetScreen)
	x, err := budgetDialX(display)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	r := image.Rect(86, 48, 86+1555, 48+874) // the window Chairside opens on that screen
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		shot, err := x.grab(r)
		if err != nil {
			b.Fatal(err)
		}
		f := e2eRect{r.Min.X, r.Min.Y, r.Dx(), r.Dy()}
		if budgetPainted(shot, r) || e2eDrawnOK(shot, f) {
			b.Fatal("a blank screen read as painted")
		}
	}
}
