// Package serverproxy is a test's stand-in for the network between a chair
// and the clinic's PostgreSQL server: a proxy on a local socket that the
// test can cut (every connection closed, no new ones taken) and open
// again, or arm to cut at the moment a save commits, either just before
// the server sees the COMMIT or just after it committed and before its
// answer gets back. The store's and the app's tests use it to show that a
// server going away mid-save loses nothing and saves nothing twice. Only
// tests import it.
package serverproxy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Cut says where an armed proxy cuts a save.
type Cut int

const (
	// BeforeCommit drops the COMMIT: the server rolls the save back.
	BeforeCommit Cut = iota + 1
	// AfterCommit lets the COMMIT through and drops the server's answer:
	// the save is on the server, but the chair does not know it.
	AfterCommit
)

// Proxy forwards a PostgreSQL server's local socket.
type Proxy struct {
	dir, target string
	port        string

	mu      sync.Mutex
	ln      net.Listener
	conns   map[net.Conn]bool
	cut     Cut // armed: where to cut the next write transaction's COMMIT
	cutDone chan struct{}
}

// Start proxies the server at addr (a postgres:// address with
// host=<socket folder>, as scripts/pg-test-cluster makes) and returns the
// proxy and an address that reaches the same database through it.
func Start(addr string) (*Proxy, string, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return nil, "", err
	}
	q := u.Query()
	host, port := q.Get("host"), q.Get("port")
	if !strings.HasPrefix(host, "/") || port == "" {
		return nil, "", fmt.Errorf("serverproxy: the address names no local socket (host=/folder&port=N): %s", u.Redacted())
	}
	dir, err := os.MkdirTemp("", "chairside-proxy")
	if err != nil {
		return nil, "", err
	}
	p := &Proxy{dir: dir, target: filepath.Join(host, ".s.PGSQL."+port), port: port, conns: map[net.Conn]bool{}}
	if err := p.Open(); err != nil {
		os.RemoveAll(dir)
		return nil, "", err
	}
	q.Set("host", dir)
	u.RawQuery = q.Encode()
	return p, u.String(), nil
}

// Open takes connections (again).
func (p *Proxy) Open() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		return nil
	}
	sock := filepath.Join(p.dir, ".s.PGSQL."+p.port)
	os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return err
	}
	p.ln = ln
	go p.accept(ln)
	return nil
}

// Close cuts every connection and takes no new ones until Open, as a
// server that stopped or a network that went down.
func (p *Proxy) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeLocked()
}

func (p *Proxy) closeLocked() {
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

// Stop closes the proxy for good.
func (p *Proxy) Stop() {
	p.Close()
	os.RemoveAll(p.dir)
}

// CutAtCommit arms the proxy: the COMMIT of the next transaction that
// may write (a save: reads begin READ ONLY) cuts every connection as
// where says, and the proxy stays closed until Open. The channel closes
// when it has cut. A statement's text is not always sent (pgx prepares
// each once per connection), so a cut cannot go by the statements.
func (p *Proxy) CutAtCommit(where Cut) <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = where
	p.cutDone = make(chan struct{})
	return p.cutDone
}

func (p *Proxy) accept(ln net.Listener) {
	for {
		client, err := ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("unix", p.target)
		if err != nil {
			client.Close()
			continue
		}
		p.mu.Lock()
		if p.ln != ln { // closed meanwhile
			p.mu.Unlock()
			client.Close()
			server.Close()
			return
		}
		p.conns[client], p.conns[server] = true, true
		p.mu.Unlock()
		c := &link{p: p, client: client, server: server}
		go c.up()
		go c.down()
	}
}

// link is one connection through the proxy.
type link struct {
	p              *Proxy
	client, server net.Conn

	mu        sync.Mutex
	writing   bool // in a transaction that began while armed and may write
	committed bool // its COMMIT went through: drop the answer and cut
}

// up copies the client's messages to the server, reading them one by one
// to find the COMMIT of an armed connection.
func (c *link) up() {
	defer c.server.Close()
	// The startup message has no type byte: a length, then the rest.
	var n [4]byte
	if _, err := io.ReadFull(c.client, n[:]); err != nil {
		return
	}
	size := int(binary.BigEndian.Uint32(n[:]))
	if size < 4 {
		return
	}
	rest := make([]byte, size-4)
	if _, err := io.ReadFull(c.client, rest); err != nil {
		return
	}
	if _, err := c.server.Write(append(n[:], rest...)); err != nil {
		return
	}
	var head [5]byte
	for {
		if _, err := io.ReadFull(c.client, head[:]); err != nil {
			return
		}
		size := int(binary.BigEndian.Uint32(head[1:]))
		if size < 4 {
			return
		}
		body := make([]byte, size-4)
		if _, err := io.ReadFull(c.client, body); err != nil {
			return
		}
		cut := c.inspect(head[0], body)
		if cut == BeforeCommit {
			c.p.cutNow()
			return
		}
		if _, err := c.server.Write(append(head[:], body...)); err != nil {
			return
		}
	}
}

// inspect follows the connection's transactions (BEGIN and COMMIT are
// simple queries, as pgx sends them) and reports the cut due at the
// COMMIT of a writing transaction begun while the proxy was armed.
func (c *link) inspect(kind byte, body []byte) Cut {
	c.p.mu.Lock()
	where := c.p.cut
	c.p.mu.Unlock()
	if where == 0 || kind != 'Q' {
		return 0
	}
	q := strings.ToLower(strings.TrimSpace(strings.TrimRight(string(body), "\x00")))
	c.mu.Lock()
	defer c.mu.Unlock()
	if strings.HasPrefix(q, "begin") {
		c.writing = !strings.Contains(q, "read only")
		return 0
	}
	if c.writing && q == "commit" {
		if where == AfterCommit {
			c.committed = true
		}
		return where
	}
	return 0
}

// down copies the server's answers to the client; after an armed COMMIT
// went through, the answer is dropped and every connection cut.
func (c *link) down() {
	defer c.client.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := c.server.Read(buf)
		if n > 0 {
			c.mu.Lock()
			committed := c.committed
			c.mu.Unlock()
			if committed {
				c.p.cutNow()
				return
			}
			if _, werr := c.client.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				c.client.Close()
			}
			return
		}
	}
}

// cutNow closes every connection and the listener, once per arming. The
// channel CutAtCommit gave is closed first, so that a client which sees
// its connection drop can already tell that the cut happened (closed
// after, a test asking at once raced the proxy and sometimes saw no cut).
func (p *Proxy) cutNow() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cutDone != nil {
		close(p.cutDone)
		p.cutDone = nil
	}
	p.closeLocked()
	p.cut = 0
}
