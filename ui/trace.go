package ui

import (
	"fmt"
	"io"
	"sync"
)

// tracer writes one line per UI event ("trace: selected vertebra:L4") for
// the end-to-end tests. It carries structure, topic and view IDs only, never
// anything about a patient. A nil tracer or nil writer traces nothing.
type tracer struct {
	mu sync.Mutex
	w  io.Writer
}

func newTracer(w io.Writer) *tracer { return &tracer{w: w} }

func (t *tracer) event(format string, args ...any) {
	if t == nil || t.w == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.w, "trace: "+format+"\n", args...)
}
