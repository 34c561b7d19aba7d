package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// pageSizes are the page boxes each paper must have, in points.
var pageSizes = map[handout.Paper][2]float64{
	handout.Letter: {612, 792},
	handout.A4:     {595.28, 841.89},
}

func checkPages(t *testing.T, pages []readPage, paper handout.Paper) {
	t.Helper()
	want := pageSizes[paper]
	footer := regexp.MustCompile(`Page (\d+) of (\d+)`)
	for i, p := range pages {
		if abs(p.w-want[0]) > 0.01 || abs(p.h-want[1]) > 0.01 {
			t.Errorf("page %d is %.2f x %.2f pt, want %.2f x %.2f (%s)", i+1, p.w, p.h, want[0], want[1], paper)
		}
		m := footer.FindStringSubmatch(p.text())
		if m == nil || m[1] != fmt.Sprint(i+1) || m[2] != fmt.Sprint(len(pages)) {
			t.Errorf("page %d footer: got %q, want \"Page %d of %d\"", i+1, m, i+1, len(pages))
		}
		if !strings.Contains(p.text(), disclaimer) {
			t.Errorf("page %d has no disclaimer %q", i+1, disclaimer)
		}
	}
}

// checkMargins fails when any text runs outside the margins.
func checkMargins(t *testing.T, pages []readPage) {
	t.Helper()
	for i, p := range pages {
		left, right := 44.0, p.w-44
		for _, r := range p.runs {
			lead := 0.0
			if strings.HasPrefix(r.text, " ") {
				lead = r.size * 0.32 // the space drawn before a change of style
			}
			if r.x+lead < left-0.01 || r.x+r.w > right+0.01 {
				t.Errorf("page %d: text %q runs from x=%.2f to %.2f, outside the margins %.0f..%.0f",
					i+1, trunc(r.text), r.x, r.x+r.w, left, right)
			}
			if r.y < 30 || r.y > p.h-30 {
				t.Errorf("page %d: text %q at y=%.2f is off the printable page", i+1, trunc(r.text), r.y)
			}
		}
	}
}

func trunc(s string) string {
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}

func TestWritePDFContents(t *testing.T) {
	names := []string{"José Núñez", "Zoë Łukasiewicz", "Nguyễn Văn An", "Søren Ærøskøbing"}
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		for _, name := range names {
			t.Run(string(paper)+"/"+name, func(t *testing.T) {
				h := sampleHandout()
				p := samplePatient()
				p.Name = name
				c := sampleClinic(t)
				c.Paper = paper
				_, pages := render(t, h, p, c)
				if len(pages) < 2 || len(pages) > 4 {
					t.Errorf("sample handout has %d pages, want 2 to 4", len(pages))
				}
				checkPages(t, pages, paper)
				checkMargins(t, pages)
				text := allText(pages) + runText(pages)
				wants := []string{name, h.Title, seekCareHeading, "Page 1 of ", "Harbour Chiropractic",
					"12 Ærøskøbing Lane", "Dr. Zoë Łukasiewicz, DC", "Visit: November 24, 2026", "Date of birth: March 8, 1979",
					"What we found", "What to do", "Your home exercises", "Exercise 1: Knee to chest",
					"Take care with these exercises", "1. Stop if you feel pain go down your leg.", "Take care: points 1", "More about", "Sources 1, 2", "Source 3",
					"Sources 1. Brinjikji et al., 2015. Systematic literature review"}
				for _, it := range h.Items {
					wants = append(wants, it.Title)
				}
				for _, w := range wants {
					if !strings.Contains(text, w) {
						t.Errorf("PDF text lacks %q", w)
					}
				}
				for _, w := range DefaultSeekCare("en") {
					if !seekCareShown(text, w) {
						t.Errorf("PDF text lacks the warning sign %q", w)
					}
				}
				// Running header on later pages carries the patient's name.
				if !strings.HasPrefix(pages[1].lines()[0], name+" · ") {
					t.Errorf("page 2 running header = %q, want it to start with the patient's name", pages[1].lines()[0])
				}
			})
		}
	}
}

func TestMarkdownRendering(t *testing.T) {
	h := sampleHandout()
	h.Items = []handout.Item{{Ref: "topic:test", Title: "Formatting", Body: "# Big heading\n\nPlain **bold** and *italic* and ***both***.\n\n" +
		"1. first\n2. second\n   - nested bullet\n\n3) third\n\n- a\n- b\n\n---\n\nEscaped \\*stars\\* &amp; entities &lt;ok&gt;. " +
		"A [link](https://example.org/x) and `code`.\n\n<b>raw html</b>", Full: true}}
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	text := allText(pages)
	for _, w := range []string{"Big heading", "Plain bold and italic and both.", "1. first", "2. second", "◦ nested bullet",
		"3. third", "• a", "• b", "Escaped *stars* & entities <ok>.", "A link (https://example.org/x) and code.", "<b>raw html</b>"} {
		if !strings.Contains(text, w) {
			t.Errorf("rendered Markdown lacks %q\n%s", w, text)
		}
	}
}

func TestSeekCareOnEveryHandout(t *testing.T) {
	tests := []struct {
		name string
		h    handout.Handout
		want []string
	}{
		{"empty handout gets the built-in list", handout.Handout{Title: "Empty"}, DefaultSeekCare("en")},
		{"own list", handout.Handout{Title: "Own", SeekCare: []string{"Chest pain with your back pain.", "  "}},
			[]string{"Chest pain with your back pain."}},
		{"blank list falls back", handout.Handout{Title: "Blank", SeekCare: []string{" ", ""}}, DefaultSeekCare("en")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, pages := render(t, tt.h, handout.Patient{Name: "A B"}, handout.Clinic{})
			text := allText(pages)
			if !strings.Contains(text, seekCareHeading) {
				t.Fatalf("no %q box", seekCareHeading)
			}
			for _, w := range tt.want {
				if !seekCareShown(text, w) {
					t.Errorf("seek-care box lacks %q", w)
				}
			}
			if len(tt.want) == 1 && seekCareShown(text, DefaultSeekCare("en")[0]) {
				t.Errorf("built-in list printed although the handout has its own")
			}
			checkPages(t, pages, handout.Letter)
		})
	}
}

// TestFortyItems checks a long handout: every item prints, pages number
// right, nothing leaves the margins, no heading is stranded at a page foot.
func TestFortyItems(t *testing.T) {
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		t.Run(string(paper), func(t *testing.T) {
			h := manyItems(40)
			c := sampleClinic(t)
			c.Paper = paper
			_, pages := render(t, h, samplePatient(), c)
			if len(pages) < 10 {
				t.Fatalf("40 items fit on %d pages; expected well over 10", len(pages))
			}
			checkPages(t, pages, paper)
			checkMargins(t, pages)
			text := allText(pages)
			for _, it := range h.Items {
				if strings.Count(text, it.Title+"\n") != 1 {
					t.Errorf("item title %q printed %d times, want once", it.Title, strings.Count(text, it.Title+"\n"))
				}
			}
			for i, p := range pages {
				lines := p.lines()
				// The last line before the footer must not be a heading.
				body := lines[:len(lines)-1]
				if last := body[len(body)-1]; strings.HasPrefix(last, "Section ") || last == seekCareHeading {
					t.Errorf("page %d ends with the heading %q", i+1, last)
				}
			}
		})
	}
}

func TestHostileText(t *testing.T) {
	long := strings.Repeat("Verylongnamewithoutanyspaces", 200)
	h := sampleHandout()
	h.Title = "Emoji 😀 and RTL שלום مرحبا and NUL \x00 and tab\tand\u200bzero-width"
	h.Items = append(h.Items, handout.Item{Ref: "topic:x", Title: long, Body: long + "\n\n" + strings.Repeat("word ", 3000)})
	h.ClinicianNotes = "Notes with (parens) \\ backslash and \r\n Windows line ends. \U0001F9B4"
	p := handout.Patient{Name: strings.Repeat("Ana María ", 2000)}
	c := handout.Clinic{Name: strings.Repeat("Clinic ", 300), Address: strings.Repeat("Long street ", 400), Paper: handout.A4}
	_, pages := render(t, h, p, c)
	checkPages(t, pages, handout.A4)
	checkMargins(t, pages)
	text := allText(pages)
	if !strings.Contains(text, "Emoji \uFFFD and RTL") {
		t.Errorf("an emoji the fonts cannot draw should print as U+FFFD")
	}
	if !strings.Contains(text, "Notes with (parens) \\ backslash") {
		t.Errorf("PDF string escaping lost text")
	}
	if strings.ContainsRune(text, 0) {
		t.Errorf("a NUL byte reached the PDF text")
	}
}

func TestLogo(t *testing.T) {
	wide16 := image.NewNRGBA64(image.Rect(0, 0, 2400, 600))
	for x := 0; x < 2400; x++ {
		wide16.SetNRGBA64(x, 300, color.NRGBA64{0x1000, 0x8000, 0xffff, 0xffff})
	}
	var big bytes.Buffer
	if err := png.Encode(&big, wide16); err != nil {
		t.Fatal(err)
	}
	good := sampleLogo(t)
	tests := []struct {
		name     string
		logo     []byte
		hasImage bool
	}{
		{"png", good, true},
		{"large 16-bit png is scaled", big.Bytes(), true},
		{"not an image", []byte("this is not a picture"), false},
		{"truncated png", good[:len(good)/2], false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sampleClinic(t)
			c.Logo = tt.logo
			data, pages := render(t, sampleHandout(), samplePatient(), c)
			if got := bytes.Contains(data, []byte("/Subtype /Image")); got != tt.hasImage {
				t.Errorf("image in PDF = %v, want %v", got, tt.hasImage)
			}
			if !strings.Contains(allText(pages), "Harbour Chiropractic") {
				t.Errorf("clinic name missing from the letterhead")
			}
		})
	}
}

func TestUnknownPaper(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, sampleHandout(), samplePatient(), handout.Clinic{Paper: "legal"})
	if err == nil || !strings.Contains(err.Error(), "letter or a4") {
		t.Fatalf("err = %v, want a message naming the paper sizes", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes for a refused handout", buf.Len())
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := render(t, sampleHandout(), samplePatient(), sampleClinic(t))
	b, _ := render(t, sampleHandout(), samplePatient(), sampleClinic(t))
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders of the same saved handout differ")
	}
}

func TestBreakLines(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	fl := &flow{fonts: fonts, width: 200}
	tests := []struct {
		name  string
		spans []span
		lines int
	}{
		{"short", []span{{text: "one two"}}, 1},
		{"empty", nil, 0},
		{"hard break", []span{{text: "one\ntwo"}}, 2},
		{"long url", []span{{text: "https://example.org/" + strings.Repeat("segment/", 30)}}, 0},
		{"mixed styles in a word", []span{{text: "bold", bold: true}, {text: "ly written text"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := fl.breakLines(tt.spans, 10, 200)
			if tt.lines > 0 && len(lines) != tt.lines {
				t.Errorf("got %d lines, want %d", len(lines), tt.lines)
			}
			var all strings.Builder
			for _, ln := range lines {
				end := 0.0
				for _, f := range ln {
					all.WriteString(f.text)
					end = f.x + fonts.width(f.face, 10, f.text)
				}
				if end > 200.001 {
					t.Errorf("line %v is %.2f pt wide, more than 200", ln, end)
				}
			}
			var want strings.Builder
			for _, s := range tt.spans {
				want.WriteString(s.text)
			}
			got := all.String()
			if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(strings.ReplaceAll(want.String(), "\n", ""), " ", "") {
				t.Errorf("text changed by line breaking: %q -> %q", want.String(), got)
			}
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		src  string
		want []mdBlock
	}{
		{"Hello *you*", []mdBlock{{kind: mdPara, spans: []span{{text: "Hello "}, {text: "you", italic: true}}}}},
		{"## Title", []mdBlock{{kind: mdHeading, level: 2, spans: []span{{text: "Title"}}}}},
		{"- a\n- b", []mdBlock{
			{kind: mdPara, depth: 1, marker: "•", spans: []span{{text: "a"}}},
			{kind: mdPara, depth: 1, marker: "•", spans: []span{{text: "b"}}}}},
		{"4. d\n5. e", []mdBlock{
			{kind: mdPara, depth: 1, marker: "4.", spans: []span{{text: "d"}}},
			{kind: mdPara, depth: 1, marker: "5.", spans: []span{{text: "e"}}}}},
		{"-\n- b", []mdBlock{
			{kind: mdPara, depth: 1, marker: "•"},
			{kind: mdPara, depth: 1, marker: "•", spans: []span{{text: "b"}}}}},
		{"a  \nb", []mdBlock{{kind: mdPara, spans: []span{{text: "a\nb"}}}}},
		{"**x**", []mdBlock{{kind: mdPara, spans: []span{{text: "x", bold: true}}}}},
		{"> q", []mdBlock{{kind: mdPara, depth: 1, quote: true, spans: []span{{text: "q"}}}}},
		{"***", []mdBlock{{kind: mdRule}}},
	}
	for _, tt := range tests {
		got := parseMarkdown(tt.src)
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
			t.Errorf("parseMarkdown(%q)\n got %+v\nwant %+v", tt.src, got, tt.want)
		}
	}
}

// TestCompactFaces checks the fast path: a handout printed with the compact
// faces is byte for byte the one printed with the full faces, and text
// beyond the compact ranges switches to the full faces.
func TestCompactFaces(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if fonts.inCompact == nil {
		t.Fatal("compact faces could not be made")
	}
	fast, fastPages := render(t, sampleHandout(), samplePatient(), sampleClinic(t))
	saved := fonts.inCompact
	fonts.inCompact = nil
	full, fullPages := render(t, sampleHandout(), samplePatient(), sampleClinic(t))
	fonts.inCompact = saved
	// Only the font resource names (hashes of fpdf's font records) may differ.
	if !bytes.Equal(drawingOps(fastPages), drawingOps(fullPages)) {
		t.Errorf("compact faces draw different pages from the full faces")
	}
	fastFonts, fullFonts := fontPrograms(t, fast), fontPrograms(t, full)
	if len(fastFonts) != 3 || strings.Join(fastFonts, "") != strings.Join(fullFonts, "") {
		t.Errorf("compact faces embed %d different font programs (full faces: %d)", len(fastFonts), len(fullFonts))
	}

	h := sampleHandout()
	h.ClinicianNotes = "Shalom: שלום. Armenian: Բարեւ. Georgian: გამარჯობა."
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	text := allText(pages)
	for _, w := range []string{"םולש", "Բարեւ", "გამარჯობა"} {
		// Hebrew is drawn right to left, so it reads back in visual order.
		if !strings.Contains(text, w) {
			t.Errorf("text beyond the compact faces lost: %q", w)
		}
	}
}

// bezier matches a cubic Bézier segment in a content stream.
var bezier = regexp.MustCompile(`\d c\n`)

func TestSpineDiagram(t *testing.T) {
	many := sampleHandout()
	for i := 0; i < 20; i++ {
		many.Marks = append(many.Marks, handout.Mark{Structure: "vertebra:T" + fmt.Sprint(i%12+1), Finding: handout.Stiffness, Note: fmt.Sprintf("note %d", i+4)})
	}
	topics := sampleHandout()
	topics.Items, topics.Marks = topics.Items[3:], nil
	discOnly := sampleHandout()
	discOnly.Items, discOnly.Marks = discOnly.Items[:1], []handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Herniation}}
	unknown := sampleHandout()
	unknown.Items, unknown.Marks = topics.Items, []handout.Mark{{Structure: "muscle:piriformis", Finding: handout.PainArea, Note: "deep buttock"}}
	tests := []struct {
		name      string
		h         handout.Handout
		views     []string
		noViews   []string
		wantTexts []string
	}{
		{"sample: both views", sampleHandout(), []string{"From the side (left)", "From behind"}, nil,
			[]string{"Disc bulge – L4–L5 disc: seen on", "Stiffness – right L4–L5 facet joint"}},
		{"marks overflow below the picture", many, []string{"From the side (left)"}, nil,
			[]string{"Stiffness – T12 vertebra: note 15", "Stiffness – T8 vertebra: note 23"}},
		{"topics only: no picture", topics, nil, []string{"From the side (left)", "From behind"}, nil},
		{"left or midline only: side view", discOnly, []string{"From the side (left)"}, []string{"From behind"},
			[]string{"Disc herniation – L4–L5 disc"}},
		{"unknown structure: list without picture", unknown, nil, []string{"From the side (left)"},
			[]string{"What we found", "Pain area – muscle:piriformis: deep buttock"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			// Exercise pictures are curves too (TestExercisePicturesAreVector
			// counts them); here only the spine's are counted.
			h.HomeCare.Stretches = nil
			_, pages := render(t, h, samplePatient(), sampleClinic(t))
			text := allText(pages)
			for _, w := range append(tt.views, tt.wantTexts...) {
				if !strings.Contains(text, w) {
					t.Errorf("PDF lacks %q", w)
				}
			}
			for _, w := range tt.noViews {
				if strings.Contains(text, w) {
					t.Errorf("PDF has %q, want no such view", w)
				}
			}
			curves := 0
			for _, p := range pages {
				curves += len(bezier.FindAll(p.content, -1))
			}
			if len(tt.views) > 0 && curves < 200 {
				t.Errorf("diagram drawn with %d Bézier curves; want a vector drawing (hundreds)", curves)
			}
			if len(tt.views) == 0 && curves > 20 {
				t.Errorf("%d curves drawn although no diagram was wanted", curves)
			}
			checkMargins(t, pages)
		})
	}
}

// TestConcurrentHandouts prints handouts from several goroutines at once
// (the UI exports while the preview renders); run with -race.
func TestConcurrentHandouts(t *testing.T) {
	want, _ := render(t, sampleHandout(), samplePatient(), sampleClinic(t))
	c := sampleClinic(t)
	errs := make(chan error, 4)
	outs := make(chan []byte, 4)
	for i := 0; i < 4; i++ {
		go func() {
			var buf bytes.Buffer
			errs <- Write(&buf, sampleHandout(), samplePatient(), c)
			outs <- buf.Bytes()
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if got := <-outs; !bytes.Equal(got, want) {
			t.Errorf("a handout printed concurrently differs from one printed alone")
		}
	}
}

func TestPaperNameCase(t *testing.T) {
	_, pages := render(t, sampleHandout(), samplePatient(), handout.Clinic{Paper: " A4 "})
	checkPages(t, pages, handout.A4)
}

// A handout typed on Windows prints exactly as the same handout typed
// with LF: same bytes (the PDF is deterministic), no stray line breaks.
func TestCRLFPrintsAsLF(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, withLineEnds("\r\n"), samplePatient(), handout.Clinic{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, withLineEnds("\n"), samplePatient(), handout.Clinic{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the handout with CRLF notes prints differently from the one with LF")
	}
}

// withLineEnds is the sample handout with every text of several lines
// written with the given line end.
func withLineEnds(eol string) handout.Handout {
	h := sampleHandout()
	lf := func(s string) string { return strings.ReplaceAll(s, "\n", eol) }
	h.ClinicianNotes = lf(h.ClinicianNotes)
	h.HomeCare.Instructions = lf("Walk every day.\nNo heavy lifting.\n\nCall if it spreads.")
	for i := range h.Items {
		h.Items[i].Body = lf(h.Items[i].Body)
	}
	h.Marks[0].Note = lf("seen on MRI\nfrom October")
	for i, s := range h.HomeCare.Stretches {
		h.HomeCare.Stretches[i].Cautions = lf(s.Cautions + "\nStop if it hurts.")
		for j := range s.Steps {
			s.Steps[j] = lf(s.Steps[j] + "\nslowly")
		}
	}
	h.SeekCare = append(h.SeekCare, lf("Fever\nwith back pain"))
	return h
}
