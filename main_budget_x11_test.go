//go:build e2e

package main

import (
	"bufio"
	"bytes"
	"cmp"
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
	"slices"
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
// at the end of the next one. Over the open socket the budget finds the
// window (window), reads its place (geometry) and only the pixels its
// checks need (looks), a few milliseconds a look, so the start-up is
// read to within about one polling interval (budgetPoll) and both
// programs are read the same way.
type budgetX struct {
	c      net.Conn
	in     *bufio.Reader // the replies, read in large pieces
	root   uint32
	screen image.Rectangle
	// req and buf are the light look's requests and the reply being
	// read, kept between looks so that a look allocates nothing
	req, buf []byte
	// the atoms of a window's process and name, once a client made them
	pidAtom, nameAtom uint32
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
	return &budgetX{c: c, in: bufio.NewReaderSize(c, 64<<10), root: le.Uint32(setup[at:]),
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
		if _, err := io.ReadFull(x.in, head); err != nil {
			return nil, nil, err
		}
		switch head[0] {
		case 0:
			return nil, nil, fmt.Errorf("X error code %d for request %d", head[1], req[0])
		case 1:
			more = make([]byte, int(le.Uint32(head[4:]))*4)
			if _, err := io.ReadFull(x.in, more); err != nil {
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

// putGetImage writes into q (20 bytes) a GetImage request for r of the
// root window, in ZPixmap format, every plane.
func (x *budgetX) putGetImage(q []byte, r image.Rectangle) {
	le := binary.LittleEndian
	q[0] = 73 // GetImage
	q[1] = 2  // ZPixmap
	le.PutUint16(q[2:], 5)
	le.PutUint32(q[4:], x.root)
	le.PutUint16(q[8:], uint16(int16(r.Min.X)))
	le.PutUint16(q[10:], uint16(int16(r.Min.Y)))
	le.PutUint16(q[12:], uint16(r.Dx()))
	le.PutUint16(q[14:], uint16(r.Dy()))
	le.PutUint32(q[16:], 0xffffffff)
}

// grab is the screen's pixels in r (screen coordinates; the image keeps
// them, so the screenshot helpers read it as they read a whole screen).
func (x *budgetX) grab(r image.Rectangle) (*image.RGBA, error) {
	// GetImage refuses a rectangle reaching off the screen
	if r = r.Intersect(x.screen); r.Empty() {
		return nil, errors.New("the window is off the screen")
	}
	req := make([]byte, 20)
	x.putGetImage(req, r)
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

// skipWithoutDisplayTools skips a test that shows pictures in a window of
// its own: it needs an X server, the e2e tools and ImageMagick's display.
func skipWithoutDisplayTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("drives an X server; skipped with -short")
	}
	if missing := e2eMissingTools(); len(missing) > 0 {
		t.Skipf("needs %s (make setup installs them)", strings.Join(missing, ", "))
	}
	if _, err := exec.LookPath("display"); err != nil {
		t.Skip("needs ImageMagick's display (make setup installs it)")
	}
}

// TestBudgetLookMatchesImport shows a picture of many colours in a window
// (ImageMagick's display) and reads it back both ways: budgetX must find
// the window where xdotool does and read the same pixels import does, or
// the budget's start-up would be judged on a wrong picture.
func TestBudgetLookMatchesImport(t *testing.T) {
	skipWithoutDisplayTools(t)
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
	win := a.waitWindow(t, 30*time.Second, "display")
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
// budget's machine: the looking process's processor time and the X
// server's (look-cpu-ms, both, per look), and its wall time (ns/op). With
// budgetPoll between looks it says how much of a core the looking takes
// from the programs being measured. The full look (a grab of the whole
// window, then budgetPainted and e2eDiagramDrawn) is there to compare:
// the benchmark took it until the light look replaced it. "black" is the
// window before its paint, every look but the last; "chairside" is
// Chairside's painted window with its diagram, the last look.
func BenchmarkBudgetLook(b *testing.B) {
	if missing := e2eMissingTools(); len(missing) > 0 {
		b.Skipf("needs %s (make setup installs them)", strings.Join(missing, ", "))
	}
	display := e2eStartXvfbSized(b, budgetScreen)
	server, err := budgetServerPid()
	if err != nil {
		b.Fatal(err)
	}
	x, err := budgetDialX(display)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	full := func(f e2eRect) (bool, error) {
		shot, err := x.grab(f.rect())
		if err != nil {
			return false, err
		}
		return budgetPainted(shot, f.rect()) && e2eDrawnOK(shot, f), nil
	}
	light := func(f e2eRect) (bool, error) { return x.looks(f, true) }
	run := func(b *testing.B, f e2eRect, look func(e2eRect) (bool, error), want bool) {
		before, err := budgetCPU(os.Getpid())
		if err != nil {
			b.Fatal(err)
		}
		serverBefore, err := budgetCPU(server)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if got, err := look(f); err != nil {
				b.Fatal(err)
			} else if got != want {
				b.Fatalf("the look says painted and drawn %v, not %v", got, want)
			}
		}
		b.StopTimer()
		after, err := budgetCPU(os.Getpid())
		if err != nil {
			b.Fatal(err)
		}
		serverAfter, err := budgetCPU(server)
		if err != nil {
			b.Fatal(err)
		}
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) / float64(b.N) }
		b.ReportMetric(ms(after-before+serverAfter-serverBefore), "look-cpu-ms")
		b.ReportMetric(ms(serverAfter-serverBefore), "xserver-cpu-ms")
	}
	// the window Chairside opens on that screen, still black
	black := e2eRect{86, 48, 1555, 874}
	b.Run("full/black", func(b *testing.B) { run(b, black, full, false) })
	b.Run("light/black", func(b *testing.B) { run(b, black, light, false) })

	chairside, _ := budgetBinaries(b)
	dir := b.TempDir()
	cmd := exec.Command(chairside, "--db", filepath.Join(dir, "chairside.db"))
	cmd.Env = e2eEnv(display, dir)
	a := e2eLaunch(b, &e2eApp{cmd: cmd, display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)})
	win := a.waitWindow(b, 60*time.Second, "Chairside")
	var f e2eRect
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if f, err = x.geometry(win); err != nil {
			b.Fatal(err)
		}
		if done, err := full(f); err != nil {
			b.Fatal(err)
		} else if done {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("Chairside's window was not painted within 60 s: %s", a.log())
		}
	}
	b.Run("full/chairside", func(b *testing.B) { run(b, f, full, true) })
	b.Run("light/chairside", func(b *testing.B) { run(b, f, light, true) })
}

// budgetServerPid is the process id of the X server the benchmark
// started, its one Xvfb child (Xvfb started with -displayfd leaves no lock
// file to read it from).
func budgetServerPid() (int, error) {
	procs, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return 0, err
	}
	var found []int
	for _, p := range procs {
		stat, err := os.ReadFile(p)
		if err != nil {
			continue // ended meanwhile
		}
		// pid (comm) state ppid ...
		open, closed := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
		if open < 0 || closed < open {
			continue
		}
		f := strings.Fields(string(stat[closed+1:]))
		if string(stat[open+1:closed]) == "Xvfb" && len(f) > 1 && f[1] == strconv.Itoa(os.Getpid()) {
			pid, err := strconv.Atoi(strings.TrimSpace(string(stat[:open])))
			if err == nil {
				found = append(found, pid)
			}
		}
	}
	if len(found) != 1 {
		return 0, fmt.Errorf("%d Xvfb processes started by this one, not 1", len(found))
	}
	return found[0], nil
}

// budgetCPU is the processor time the processes have used so far.
func budgetCPU(pids ...int) (time.Duration, error) {
	var sum time.Duration
	for _, pid := range pids {
		d, err := e2eCPUTime(pid)
		if err != nil {
			return 0, err
		}
		sum += d
	}
	return sum, nil
}

// The budget's light look. A full look (grab of the whole window, then
// budgetPainted and e2eDiagramDrawn) copies the window's 5.4 MB out of
// the X server, turns it into an image and reads every pixel, though
// budgetPainted reads only every 4th pixel of every 4th row and the
// diagram is only looked for once the window is painted. Every 40 ms that
// was about a third of a core taken from the two programs being timed,
// and from Chairside, which does more beside its main thread, the most.
// The light look asks the X server for exactly the pixels those checks
// read, a few rows at a time, and stops as soon as the answer cannot
// change: it decides what the full look decides (TestBudgetLightLook
// holds the two to the same answers on starting windows), for a fraction
// of its cost (BenchmarkBudgetLook).

// budgetRows is how many requests the light look has in flight at once:
// enough that the X server answers a batch without a round trip each,
// few enough that a look stops soon after its answer is known.
const budgetRows = 32

// looks is the light look: whether window f is painted and, when diagram
// is set, its diagram drawn, as budgetPainted(shot, f) && (!diagram ||
// e2eDrawnOK(shot, f)) says of a full grab of f.
func (x *budgetX) looks(f e2eRect, diagram bool) (bool, error) {
	painted, err := x.painted(f.rect())
	if err != nil || !painted || !diagram {
		return painted, err
	}
	return x.diagramDrawn(f)
}

// painted is budgetPainted on the screen itself: more than half the
// samples (every 4th pixel of every 4th row of r, on the screen) not
// black. It fetches the sampled rows a batch at a time and stops once the
// samples left could not change the answer: on a window not yet painted
// that is just over half its sampled rows.
func (x *budgetX) painted(r image.Rectangle) (bool, error) {
	if r = r.Intersect(x.screen); r.Empty() {
		return false, errors.New("the window is off the screen")
	}
	cols := (r.Dx() + 3) / 4
	rows := (r.Dy() + 3) / 4
	// budgetPainted's n*16 > area/2, with integers as it has them
	need := r.Dx()*r.Dy()/2/16 + 1
	n := 0
	for y := r.Min.Y; y < r.Max.Y; {
		var batch []image.Rectangle
		for ; y < r.Max.Y && len(batch) < budgetRows; y += 4 {
			batch = append(batch, image.Rect(r.Min.X, y, r.Max.X, y+1))
		}
		err := x.getImages(batch, func(_ image.Rectangle, data []byte) {
			for i := 0; i < cols; i++ {
				// B, G, R, unused
				if data[i*16]|data[i*16+1]|data[i*16+2] > 8 {
					n++
				}
			}
		})
		if err != nil {
			return false, err
		}
		rows -= len(batch)
		if n >= need {
			return true, nil
		}
		if n+rows*cols < need {
			return false, nil
		}
	}
	return false, nil
}

// diagramDrawn is e2eDiagramDrawn on the screen itself: at least 3% of
// the diagram area's pixels in colour (a pixel off the screen counts as
// not). The spine is drawn down the middle of the area, so the area is
// read in upright strips from the middle outwards, and the look stops
// once the count reaches 3% (on a drawn diagram, within the middle
// strips), or once the pixels left could not bring it there. The order
// changes what is read, not the count it is compared with.
func (x *budgetX) diagramDrawn(f e2eRect) (bool, error) {
	area := e2eDiagramArea(f)
	all := area.Dx() * area.Dy()
	// e2eDiagramDrawn's n*100/all >= 3
	need := (3*all + 99) / 100
	seen := area.Intersect(x.screen)
	if all == 0 || seen.Empty() {
		return false, nil
	}
	const strips = 8
	var order []image.Rectangle
	for i := 0; i < strips; i++ {
		r := image.Rect(seen.Min.X+seen.Dx()*i/strips, seen.Min.Y, seen.Min.X+seen.Dx()*(i+1)/strips, seen.Max.Y)
		if !r.Empty() {
			order = append(order, r)
		}
	}
	mid := (area.Min.X + area.Max.X) / 2
	slices.SortStableFunc(order, func(a, b image.Rectangle) int {
		return cmp.Compare(budgetAbs((a.Min.X+a.Max.X)/2-mid), budgetAbs((b.Min.X+b.Max.X)/2-mid))
	})
	left := seen.Dx() * seen.Dy()
	n := 0
	for i := 0; i < len(order) && n < need && n+left >= need; i++ {
		err := x.getImages(order[i:i+1], func(r image.Rectangle, data []byte) {
			for i := 0; i < r.Dx()*r.Dy(); i++ {
				cb, cg, cr := data[i*4], data[i*4+1], data[i*4+2]
				if int(max(cr, cg, cb))-int(min(cr, cg, cb)) >= e2eMinChroma {
					n++
				}
			}
			left -= r.Dx() * r.Dy()
		})
		if err != nil {
			return false, err
		}
	}
	return n >= need, nil
}

func budgetAbs(n int) int { return max(n, -n) }

// getImages sends a GetImage of each rectangle (on the screen) at once,
// then hands each reply's pixels (B, G, R, unused; rows of 4*Dx bytes) to
// use, in order. The pixels are only valid during the call.
func (x *budgetX) getImages(rs []image.Rectangle, use func(image.Rectangle, []byte)) error {
	le := binary.LittleEndian
	req := x.req[:0]
	for _, r := range rs {
		at := len(req)
		req = append(req, make([]byte, 20)...)
		x.putGetImage(req[at:], r)
	}
	x.req = req
	x.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := x.c.Write(req); err != nil {
		return err
	}
	var head [32]byte
	for _, r := range rs {
		for {
			if _, err := io.ReadFull(x.in, head[:]); err != nil {
				return err
			}
			if head[0] == 0 {
				// the other requests' answers are still to come: this
				// connection is spoilt, and the caller fails the measure
				return fmt.Errorf("X error code %d for GetImage", head[1])
			}
			if head[0] == 1 {
				break
			}
		}
		size := int(le.Uint32(head[4:])) * 4
		if cap(x.buf) < size {
			x.buf = make([]byte, size)
		}
		data := x.buf[:size]
		if _, err := io.ReadFull(x.in, data); err != nil {
			return err
		}
		if len(data) < r.Dx()*r.Dy()*4 {
			return errors.New("GetImage returned fewer pixels than asked for")
		}
		use(r, data)
	}
	return nil
}

// grabServer holds the X server for this connection alone (GrabServer):
// until ungrabServer no other client draws, so two looks in between see
// the very same screen.
func (x *budgetX) grabServer() error {
	_, err := x.c.Write([]byte{36, 0, 1, 0})
	return err
}

func (x *budgetX) ungrabServer() error {
	_, err := x.c.Write([]byte{37, 0, 1, 0})
	return err
}

// budgetBothLooks reads window f with the server held: the light look's
// two answers and the full look's.
func budgetBothLooks(x *budgetX, f e2eRect) (lightPainted, lightDrawn, fullPainted, fullDrawn bool, err error) {
	if err = x.grabServer(); err != nil {
		return
	}
	defer func() {
		if e := x.ungrabServer(); err == nil {
			err = e
		}
	}()
	if lightPainted, err = x.painted(f.rect()); err != nil {
		return
	}
	if lightDrawn, err = x.diagramDrawn(f); err != nil {
		return
	}
	shot, err := x.grab(f.rect())
	if err != nil {
		return
	}
	return lightPainted, lightDrawn, budgetPainted(shot, f.rect()), e2eDrawnOK(shot, f), nil
}

// TestBudgetLightLook starts Chairside and the minimal program as the
// budget does and, at every look until each is painted (and Chairside's
// diagram drawn), reads the window both ways with the X server held: the
// light look must say "painted" and "diagram drawn" exactly when the full
// look does, on the black window not yet painted, on the painted one and
// on the minimal program's, painted with no diagram.
func TestBudgetLightLook(t *testing.T) {
	if testing.Short() {
		t.Skip("drives an X server; skipped with -short")
	}
	if missing := e2eMissingTools(); len(missing) > 0 {
		t.Skipf("needs %s (make setup installs them)", strings.Join(missing, ", "))
	}
	chairside, minimal := budgetBinaries(t)
	display := e2eStartXvfbSized(t, budgetScreen)
	dir := t.TempDir()
	x, err := budgetDialX(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// the empty screen, black where the windows will be
	blank := e2eRect{86, 48, 1555, 874}
	if lp, ld, fp, fd, err := budgetBothLooks(x, blank); err != nil || lp || ld || fp || fd {
		t.Fatalf("the empty screen: light look painted %v, drawn %v; full look %v, %v (%v)", lp, ld, fp, fd, err)
	}
	for _, p := range []struct {
		title   string
		cmd     *exec.Cmd
		diagram bool
	}{
		{"Chairside", exec.Command(chairside, "--db", filepath.Join(dir, "chairside.db")), true},
		{"Minimal", exec.Command(minimal, "--db", filepath.Join(dir, "minimal.db"), "--width", "1555", "--height", "874"), false},
	} {
		p.cmd.Env = e2eEnv(display, dir)
		a := e2eLaunch(t, &e2eApp{cmd: p.cmd, name: p.title, display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)})
		// found as the budget finds it, so the first looks see the
		// window black; xdotool's answer is compared once it is painted
		win := ""
		for deadline := time.Now().Add(60 * time.Second); win == ""; time.Sleep(5 * time.Millisecond) {
			w, err := x.window(p.cmd.Process.Pid, p.title)
			if err != nil {
				t.Fatal(err)
			}
			if w != 0 {
				win = strconv.FormatUint(uint64(w), 10)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s opened no window within 60 s: %s", p.title, a.log())
			}
		}
		states := map[[2]bool]int{}
		for deadline, after := time.Now().Add(60*time.Second), 0; after < 5; {
			f, err := x.geometry(win)
			if err != nil {
				t.Fatal(err)
			}
			lp, ld, fp, fd, err := budgetBothLooks(x, f)
			if err != nil {
				t.Fatal(err)
			}
			if lp != fp || ld != fd {
				t.Fatalf("%s's window at %+v: the light look says painted %v, diagram drawn %v; the full look %v, %v", p.title, f, lp, ld, fp, fd)
			}
			states[[2]bool{fp, fd}]++
			if fp && (fd || !p.diagram) {
				after++ // a few more looks once done: the full answer is steady
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s's window was not painted within 60 s (looks: %v): %s", p.title, states, a.log())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if theirs := a.window(); theirs != win {
			t.Errorf("%s's window: xdotool finds %q, budgetX %s", p.title, theirs, win)
		}
		t.Logf("%s: looks compared (painted, drawn): %v", p.title, states)
		if states[[2]bool{false, false}] == 0 {
			t.Errorf("%s's window was never seen before its paint: the black window was not compared", p.title)
		}
		a.cmd.Process.Kill()
		<-a.exited
	}
}

// window is the window xdotool's search --onlyvisible --pid pid --name
// ^title finds, or 0 while there is none: a window of the process (its
// _NET_WM_PID), mapped and viewable, its name beginning with title,
// looked for from the root down, level by level. Before the window maps
// the budget asks every few milliseconds; an xdotool process per question
// cost about 10 ms of processor time each, taken from the programs being
// timed just as they start, and this costs a few requests on the open
// connection.
func (x *budgetX) window(pid int, title string) (uint32, error) {
	le := binary.LittleEndian
	if x.pidAtom == 0 {
		for _, a := range []struct {
			name string
			to   *uint32
		}{{"_NET_WM_PID", &x.pidAtom}, {"_NET_WM_NAME", &x.nameAtom}} {
			req := make([]byte, 8+(len(a.name)+3)/4*4)
			req[0] = 16 // InternAtom
			req[1] = 1  // only if it exists
			le.PutUint16(req[2:], uint16(len(req)/4))
			le.PutUint16(req[4:], uint16(len(a.name)))
			copy(req[8:], a.name)
			head, _, err := x.request(req)
			if err != nil {
				return 0, err
			}
			*a.to = le.Uint32(head[8:])
		}
		if x.pidAtom == 0 {
			return 0, nil // no client has said its process yet
		}
	}
	level := []uint32{x.root}
	for len(level) > 0 {
		var next []uint32
		for _, w := range level {
			req := make([]byte, 8)
			req[0] = 15 // QueryTree
			le.PutUint16(req[2:], 2)
			le.PutUint32(req[4:], w)
			head, more, err := x.request(req)
			if err != nil {
				return 0, err
			}
			for i := 0; i < int(le.Uint16(head[16:])); i++ {
				next = append(next, le.Uint32(more[i*4:]))
			}
		}
		for _, w := range next {
			ok, err := x.windowIs(w, pid, title)
			if err != nil || ok {
				return w, err
			}
		}
		level = next
	}
	return 0, nil
}

// windowIs says whether window w is viewable, of process pid and named
// title at its start.
func (x *budgetX) windowIs(w uint32, pid int, title string) (bool, error) {
	le := binary.LittleEndian
	req := make([]byte, 8)
	req[0] = 3 // GetWindowAttributes
	le.PutUint16(req[2:], 2)
	le.PutUint32(req[4:], w)
	head, _, err := x.request(req)
	if err != nil {
		// the window went between the tree and this question
		return false, nil
	}
	if head[26] != 2 { // map-state IsViewable
		return false, nil
	}
	prop := func(atom uint32) ([]byte, error) {
		req := make([]byte, 24)
		req[0] = 20 // GetProperty
		le.PutUint16(req[2:], 6)
		le.PutUint32(req[4:], w)
		le.PutUint32(req[8:], atom)
		le.PutUint32(req[16:], 0)   // from the start
		le.PutUint32(req[20:], 256) // up to 1 KB
		head, more, err := x.request(req)
		if err != nil {
			return nil, err
		}
		n := int(le.Uint32(head[16:])) * int(head[1]) / 8
		return more[:min(n, len(more))], nil
	}
	p, err := prop(x.pidAtom)
	if err != nil || len(p) != 4 || int(le.Uint32(p)) != pid {
		return false, nil
	}
	var name []byte
	if x.nameAtom != 0 {
		if name, err = prop(x.nameAtom); err != nil {
			return false, nil
		}
	}
	if len(name) == 0 {
		if name, err = prop(39); err != nil { // WM_NAME
			return false, nil
		}
	}
	return strings.HasPrefix(string(name), title), nil
}

// TestBudgetLightLookAtItsThresholds shows pictures made to sit exactly at
// the full look's thresholds, one sample or one pixel either side: the
// light look, which stops reading as soon as its answer is known, must
// still agree with the full look there (a starting window is far from
// both thresholds, so TestBudgetLightLook alone would not see an
// off-by-one).
func TestBudgetLightLookAtItsThresholds(t *testing.T) {
	skipWithoutDisplayTools(t)
	const w, h = 400, 300
	bounds := image.Rect(0, 0, w, h)
	// budgetPainted's threshold: the samples (every 4th pixel of every
	// 4th row) not black must be more than half of all the pixels / 16
	paintedNeed := w*h/2/16 + 1
	// e2eDiagramDrawn's: 3% of the diagram area in colour
	area := e2eDiagramArea(e2eRect{0, 0, w, h})
	drawnNeed := (3*area.Dx()*area.Dy() + 99) / 100
	// Many colours, each side of what the checks ask: ImageMagick's
	// display shows a picture of few colours through a reduced palette,
	// not as it is. "Black" is up to 8 in blue (budgetPainted counts
	// above 8), greys have no colour, the diagram's pixels plenty.
	black := func(x, y int) color.RGBA { return color.RGBA{0, 0, uint8((x*7 + y*3) % 9), 255} }
	grey := func(x, y int) color.RGBA { v := uint8(100 + (x+y)%150); return color.RGBA{v, v, v, 255} }
	samples := func(k int, last bool) *image.RGBA {
		pic := image.NewRGBA(bounds)
		var at []image.Point
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				pic.SetRGBA(x, y, black(x, y))
				if x%4 == 0 && y%4 == 0 {
					at = append(at, image.Pt(x, y))
				}
			}
		}
		if last {
			at = at[len(at)-k:]
		}
		for _, p := range at[:k] {
			pic.SetRGBA(p.X, p.Y, grey(p.X, p.Y))
		}
		return pic
	}
	coloured := func(k int) *image.RGBA {
		pic := image.NewRGBA(bounds)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				pic.SetRGBA(x, y, grey(x, y))
			}
		}
		n := 0
		for y := area.Min.Y; y < area.Max.Y && n < k; y++ {
			for x := area.Min.X; x < area.Max.X && n < k; x += 2 {
				pic.SetRGBA(x, y, color.RGBA{200, 60, uint8(40 + (x+y)%60), 255})
				n++
			}
		}
		return pic
	}
	cases := []struct {
		name           string
		pic            *image.RGBA
		painted, drawn bool
	}{
		{"one sample short of painted, from the top", samples(paintedNeed-1, false), false, false},
		{"just painted, from the top", samples(paintedNeed, false), true, false},
		{"one sample short of painted, from the bottom", samples(paintedNeed-1, true), false, false},
		{"just painted, from the bottom", samples(paintedNeed, true), true, false},
		{"one pixel short of the diagram", coloured(drawnNeed - 1), true, false},
		{"just the diagram", coloured(drawnNeed), true, true},
	}
	display := e2eStartXvfbSized(t, "640x480x24")
	x, err := budgetDialX(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	dir := t.TempDir()
	for i, c := range cases {
		file := filepath.Join(dir, fmt.Sprintf("threshold-%d.png", i))
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, c.pic); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		title := fmt.Sprintf("Threshold%d", i)
		show := exec.Command("display", "-geometry", "+37+21", "-title", title, file)
		show.Env = e2eEnv(display, dir)
		a := e2eLaunch(t, &e2eApp{cmd: show, name: title, display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)})
		win := a.waitWindow(t, 30*time.Second, "display")
		// the picture is on screen once the full look reads it back;
		// display's window has a border, and its place (as xdotool's) is
		// the border's outer corner: the looks read the inside
		var fr e2eRect
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if fr, err = x.geometry(win); err != nil {
				t.Fatal(err)
			}
			shown := false
			for border := 0; border <= 4 && !shown; border++ {
				in := e2eRect{fr.X + border, fr.Y + border, fr.W, fr.H}
				shot, err := x.grab(in.rect())
				if err != nil {
					t.Fatal(err)
				}
				if shown = fr.W == w && fr.H == h && e2eChanged(shot, budgetShifted(c.pic, in.rect().Min), in.rect()) == 0; shown {
					fr = in
				}
			}
			if shown {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the window at %+v never showed the picture", c.name, fr)
			}
		}
		lp, ld, fp, fd, err := budgetBothLooks(x, fr)
		if err != nil {
			t.Fatal(err)
		}
		if fp != c.painted || fd != c.drawn {
			t.Fatalf("%s: the full look says painted %v, drawn %v: the picture is not at the threshold", c.name, fp, fd)
		}
		if lp != fp || ld != fd {
			t.Errorf("%s: the light look says painted %v, drawn %v; the full look %v, %v", c.name, lp, ld, fp, fd)
		}
		a.cmd.Process.Kill()
		<-a.exited
	}
}

// budgetShifted is pic placed with its corner at p, as on the screen.
func budgetShifted(pic *image.RGBA, p image.Point) *image.RGBA {
	moved := *pic
	moved.Rect = pic.Rect.Add(p)
	return &moved
}
