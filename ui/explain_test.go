package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/content"
)

// panelText is everything the panel shows as text, for assertions.
func panelText(p *explainPanel) string {
	var b strings.Builder
	b.WriteString(p.title.String() + "\n" + p.place.Text + "\n")
	for _, o := range test.LaidOutObjects(p.content) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		}
	}
	return b.String()
}

func TestPanelShowsStructureText(t *testing.T) {
	a, trace := newTestApp(t)
	a.Select("disc:L4-L5")
	got := panelText(a.panel)
	for _, want := range []string{"L4–L5 disc", "Low back (lumbar spine)", "between L4 and L5", "Sources", "Reviewed", "Above: L3–L4 disc"} {
		if !strings.Contains(got, want) {
			t.Errorf("panel lacks %q:\n%s", want, got)
		}
	}
	text, _ := testLibrary(t).Explain("disc:L4-L5")
	if first := strings.Fields(content.PlainText(text.Body)); len(first) < 3 || !strings.Contains(got, strings.Join(first[:3], " ")) {
		t.Errorf("panel does not show the body of disc:L4-L5:\n%s", got)
	}
	if strings.Contains(got, "not yet translated") {
		t.Error("English text marked as untranslated")
	}
	if !strings.Contains(trace.String(), "trace: explanation disc:L4-L5\n") {
		t.Errorf("trace:\n%s", trace)
	}
}

func TestPanelMarksEnglishFallback(t *testing.T) {
	a, _ := newTestApp(t)
	lib, err := content.Load("xx") // a language with no texts: all English, all marked
	if err != nil {
		t.Fatal(err)
	}
	a.lib = lib
	a.Select("vertebra:L4")
	if got := panelText(a.panel); !strings.Contains(got, "English text (not yet translated)") {
		t.Fatalf("no fallback marker:\n%s", got)
	}
}

func TestRelatedLinksOpenTopicsAndConditionsSelectStructures(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("facet:L4-L5:left")
	title := a.titleOf("topic:cracking-your-back")
	tapLink(findHyperlink(t, a.panel.content, title))
	if got := a.panel.Current(); got != "topic:cracking-your-back" {
		t.Fatalf("tapping %q opened %q", title, got)
	}
	if a.Selected() != "facet:L4-L5:left" {
		t.Fatalf("opening a topic changed the selection to %q", a.Selected())
	}

	a.openID("condition:sciatica")
	lib := a.lib
	cond, err := lib.Explain("condition:sciatica")
	if err != nil || len(cond.Structures) == 0 {
		t.Fatalf("condition:sciatica: %v, structures %v", err, cond.Structures)
	}
	target := cond.Structures[0]
	tapLink(findHyperlink(t, a.panel.content, a.titleOf(target)))
	if a.Selected() != target || a.panel.Current() != target {
		t.Fatalf("tapping %s in the condition: selected %q, panel %q", target, a.Selected(), a.panel.Current())
	}
	// Both sides of a root share a line: "L5 nerve root: left, right".
	a.openID("condition:sciatica")
	var right *widget.Hyperlink
	for _, o := range test.LaidOutObjects(a.panel.content) {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == "right" {
			right = h // the last "right" on the page
		}
	}
	if right == nil {
		t.Fatal("no paired left/right links in condition:sciatica")
	}
	tapLink(right)
	if s, _ := anatomy.Lookup(a.Selected()); s.Side != anatomy.Right || s.Kind != anatomy.Nerve {
		t.Fatalf("the right link selected %q", a.Selected())
	}
	test.Tap(a.panel.back)

	// Back returns to the condition without touching the selection.
	if a.panel.Current() != "condition:sciatica" {
		t.Fatalf("Back: panel %q", a.panel.Current())
	}
	a.Select(target)
	test.Tap(a.panel.back)
	if a.panel.Current() != "condition:sciatica" || a.Selected() != target {
		t.Fatalf("Back: panel %q selected %q", a.panel.Current(), a.Selected())
	}
}

func TestTopicsBrowserOpensArticle(t *testing.T) {
	a, _ := newTestApp(t)
	a.showTopics()
	if a.topics == nil {
		t.Fatal("topics browser not shown")
	}
	want := "topic:what-does-not-happen"
	title := a.titleOf(want)
	var btn *widget.Button
	for _, o := range test.LaidOutObjects(a.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == title {
			btn = b
		}
	}
	if btn == nil {
		t.Fatalf("no button %q in the topics browser", title)
	}
	test.Tap(btn)
	if a.panel.Current() != want {
		t.Fatalf("panel shows %q, want %q", a.panel.Current(), want)
	}
	if a.win.Canvas().Overlays().Top() != nil {
		t.Fatal("topics browser still open after choosing")
	}

	// While it is open, arrows do not walk the diagram behind it; Escape closes it.
	a.Select("vertebra:L4")
	a.showTopics()
	press(a, fyne.KeyUp)
	if a.Selected() != "vertebra:L4" {
		t.Fatalf("Up behind the topics browser selected %q", a.Selected())
	}
	press(a, fyne.KeyEscape)
	if a.win.Canvas().Overlays().Top() != nil || a.topics != nil {
		t.Fatal("Escape did not close the topics browser")
	}
	if a.Selected() != "vertebra:L4" {
		t.Fatal("Escape closing the browser also cleared the selection")
	}
}

func TestSearchListsAndChooses(t *testing.T) {
	a, trace := newTestApp(t)
	test.Type(a.search, "sciatica")
	if !a.search.drop.Visible() {
		t.Fatal("no results shown while typing")
	}
	var ids []string
	for _, h := range a.search.hits {
		ids = append(ids, h.ID)
	}
	if !contains(ids, "condition:sciatica") {
		t.Fatalf("search sciatica lists %v", ids)
	}
	if !strings.Contains(trace.String(), "condition:sciatica") {
		t.Fatalf("no search trace:\n%s", trace)
	}
	// Choosing a condition opens it; the field empties and the list closes.
	for i, h := range a.search.hits {
		if h.ID == "condition:sciatica" {
			test.Tap(a.search.results.Objects[i].(*widget.Button))
		}
	}
	if a.panel.Current() != "condition:sciatica" || a.search.Text != "" || a.search.drop.Visible() {
		t.Fatalf("after choosing: panel %q, field %q, list visible %v", a.panel.Current(), a.search.Text, a.search.drop.Visible())
	}

	// Down and Up pick the result Enter opens.
	test.Type(a.search, "sciatica")
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	want := a.search.hits[1].ID
	if b := a.search.results.Objects[1].(*widget.Button); b.Importance != widget.HighImportance {
		t.Fatal("the marked result is not highlighted")
	}
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a.panel.Current() != want {
		t.Fatalf("Enter on the second result opened %q, want %q", a.panel.Current(), want)
	}

	// Choosing a structure selects it on the diagram.
	test.Type(a.search, "L4 vertebra")
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a.Selected() != "vertebra:L4" {
		t.Fatalf("Enter on \"L4 vertebra\" selected %q (hits %v)", a.Selected(), a.search.hits)
	}
}

func TestSearchNothingFoundSaysSo(t *testing.T) {
	a, _ := newTestApp(t)
	test.Type(a.search, "qqzzxx")
	if len(a.search.hits) != 0 || !a.search.drop.Visible() {
		t.Fatalf("hits %v, list visible %v", a.search.hits, a.search.drop.Visible())
	}
	if l, ok := a.search.results.Objects[0].(*widget.Label); !ok || !strings.Contains(l.Text, "Nothing found") {
		t.Fatalf("no 'nothing found' message: %#v", a.search.results.Objects)
	}
	a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if a.search.Text != "" || a.search.drop.Visible() {
		t.Fatal("Escape did not clear the search")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestPanelSegmentsListItemsEndTheirLines(t *testing.T) {
	segs := panelMarkdown("Intro.\n\n- **First:** one thing.\n- Second thing.\n\n1. Step one\n2. Step two\n")
	var lines []string
	for _, seg := range segs {
		para, ok := seg.(*widget.ParagraphSegment)
		if !ok {
			continue
		}
		var b strings.Builder
		for _, s := range para.Texts {
			ts := s.(*widget.TextSegment)
			if ts.Style.SizeName != sizePanelText {
				t.Errorf("%q has size %q, want the panel's", ts.Text, ts.Style.SizeName)
			}
			b.WriteString(ts.Text)
		}
		if last := para.Texts[len(para.Texts)-1]; last.Inline() {
			t.Errorf("list item %q does not end its line", b.String())
		}
		lines = append(lines, b.String())
	}
	want := []string{"• First: one thing.", "• Second thing.", "1. Step one", "2. Step two"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Fatalf("list items %q, want %q", lines, want)
	}
}

func TestOpenConditionTintsItsPlaces(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("vertebra:T6")
	a.openID("condition:sciatica")
	cond, _ := a.lib.Explain("condition:sciatica")
	got := strings.Join(a.spine.discussed, " ")
	for _, id := range append([]string{"vertebra:T6"}, cond.Structures...) {
		if !strings.Contains(" "+got+" ", " "+id+" ") {
			t.Errorf("%s not tinted while sciatica is open: %v", id, a.spine.discussed)
		}
	}
	test.Tap(a.panel.back)
	if strings.Join(a.spine.discussed, " ") != "vertebra:T6" {
		t.Fatalf("after leaving the condition the tint covers %v", a.spine.discussed)
	}
}

// A handout edit (a mark added) redraws the diagram; an open condition's
// places stay tinted rather than falling back to the trail alone.
func TestConditionTintSurvivesHandoutEdit(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "Ana Ruiz")
	a.Select("vertebra:T6")
	e := openEditorFor(t, a, p)
	a.openID("condition:sciatica")
	cond, _ := a.lib.Explain("condition:sciatica")
	e.addMark("disc:L4-L5") // the first finding, a bulge, belongs on a disc
	if len(a.spine.marks) != 1 {
		t.Fatalf("the mark is not drawn: %+v", a.spine.marks)
	}
	got := " " + strings.Join(a.spine.discussed, " ") + " "
	for _, id := range append([]string{"vertebra:T6"}, cond.Structures...) {
		if !strings.Contains(got, " "+id+" ") {
			t.Errorf("%s not tinted after a handout edit while sciatica is open: %v", id, a.spine.discussed)
		}
	}
}

// Typing a search and then tapping the diagram instead of a result hands
// the keyboard back to the diagram and closes the results, which would
// otherwise hide the spine and swallow the arrow keys.
func TestTappingTheDiagramLeavesTheSearch(t *testing.T) {
	a, _ := newTestApp(t)
	a.win.Canvas().Focus(a.search)
	test.Type(a.search, "neck")
	if !a.search.drop.Visible() || a.win.Canvas().Focused() != a.search {
		t.Fatal("no results shown while typing, or the field lost the keyboard")
	}
	a.win.Canvas().Capture() // lay the window out so the diagram has its size
	test.TapAt(a.spine, pointOn(t, a.spine, "vertebra:L4"))
	if a.Selected() != "vertebra:L4" {
		t.Fatalf("the tap selected %q", a.Selected())
	}
	if f := a.win.Canvas().Focused(); f != nil {
		t.Fatalf("the search field keeps the keyboard after a tap on the diagram: %T", f)
	}
	if a.search.drop.Visible() {
		t.Fatal("the search results still cover the diagram")
	}
	// Back in the field, the results it still holds come back.
	a.win.Canvas().Focus(a.search)
	if !a.search.drop.Visible() {
		t.Fatal("the results do not come back when the field is focused again")
	}
}

// The explanation's lines stop short of the scroll bar, which Fyne draws
// over the content: a word under the bar is hard to read from the chair.
func TestPanelTextClearsTheScrollBar(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("disc:L4-L5")
	a.win.Canvas().Capture() // lay the window out
	d := fyne.CurrentApp().Driver()
	textRight := d.AbsolutePositionForObject(a.panel.content).X + a.panel.content.Size().Width
	scrollRight := d.AbsolutePositionForObject(a.panel.scroll).X + a.panel.scroll.Size().Width
	if gap := scrollRight - textRight; gap < theme.ScrollBarSize() {
		t.Fatalf("text ends %v from the panel's right edge, under the %v-wide scroll bar", gap, theme.ScrollBarSize())
	}
}

// showsKeyPoints says whether the panel shows the key points of id, and
// whether it shows the start of its full text.
func showsKeyPoints(t *testing.T, a *App, id string) (keyPoints, fullText bool) {
	t.Helper()
	tx, err := a.lib.Explain(id)
	if err != nil || len(tx.KeyPoints) < 3 {
		t.Fatalf("%s: %v, key points %q", id, err, tx.KeyPoints)
	}
	got := panelText(a.panel)
	keyPoints = true
	for _, kp := range tx.KeyPoints {
		keyPoints = keyPoints && strings.Contains(got, kp)
	}
	// The first paragraph of the full text (its first line may be a heading).
	for _, line := range strings.Split(content.PlainText(tx.Body), "\n") {
		if len(strings.Fields(line)) >= 6 {
			return keyPoints, strings.Contains(got, line)
		}
	}
	t.Fatalf("%s: no paragraph in the full text", id)
	return
}

// The panel offers "Key points | Full text" at its top. At the desk it
// opens on the full text; the choice holds for whatever is opened next,
// structures and the topics and conditions opened from the panel alike;
// entering presentation mode starts on the key points, leaving it goes
// back to the full text (issue 10).
func TestKeyPointsOrFullText(t *testing.T) {
	a, trace := newTestApp(t)
	p := a.panel
	if p.choice.Visible() {
		t.Fatal("the choice shows with nothing open")
	}
	want := func(id string, keyPoints bool) {
		t.Helper()
		if p.Current() != id {
			t.Fatalf("the panel shows %q, want %q", p.Current(), id)
		}
		kp, full := showsKeyPoints(t, a, id)
		if kp != keyPoints || full == keyPoints {
			t.Fatalf("%s: key points shown %v, full text shown %v; want key points %v\n%s", id, kp, full, keyPoints, panelText(p))
		}
		if !p.choice.Visible() {
			t.Fatalf("%s: no Key points | Full text choice", id)
		}
		on, off := p.fullText, p.keyPoints
		if keyPoints {
			on, off = off, on
		}
		if on.Importance != widget.HighImportance || off.Importance == widget.HighImportance {
			t.Fatalf("%s: the choice does not mark %q as the one on show", id, on.Text)
		}
	}

	a.Select("disc:L4-L5")
	want("disc:L4-L5", false)
	test.Tap(p.keyPoints)
	want("disc:L4-L5", true)
	if !strings.Contains(trace.String(), "trace: reading key points\n") {
		t.Errorf("trace:\n%s", trace)
	}
	a.Select("nerve:L5:left")
	want("nerve:L5:left", true)
	tapLink(findHyperlink(t, p.content, a.titleOf("condition:sciatica")))
	want("condition:sciatica", true)
	test.Tap(p.back)
	want("nerve:L5:left", true)
	test.Tap(p.fullText)
	want("nerve:L5:left", false)

	press(a, fyne.KeyF11)
	if !a.Presenting() {
		t.Fatal("F11 did not present")
	}
	want("nerve:L5:left", true)
	test.Tap(p.fullText)
	want("nerve:L5:left", false)
	a.Select("facet:L4-L5:left")
	want("facet:L4-L5:left", false)
	a.openID("topic:cracking-your-back")
	want("topic:cracking-your-back", false)
	test.Tap(p.keyPoints)
	want("topic:cracking-your-back", true)

	press(a, fyne.KeyF11)
	if a.Presenting() {
		t.Fatal("F11 did not leave presentation mode")
	}
	want("topic:cracking-your-back", false)
	a.Select("vertebra:L4")
	want("vertebra:L4", false)

	// The presentation bar's own way out sets the default too.
	press(a, fyne.KeyF11)
	want("vertebra:L4", true)
	test.Tap(findButton(t, a.presentBar, "Leave full screen"))
	want("vertebra:L4", false)

	a.ClearSelection()
	p.reset()
	if p.choice.Visible() {
		t.Error("the choice still shows after a new visit")
	}
}

// Presenting, the key points are in the body type (at least 32 px on a
// 1080-high screen, scaled with its height), and those of the longest text
// fit under the title without scrolling on a TV, a desktop and a small
// laptop screen: the last point, often the emergency one, is in view.
func TestPresentationKeyPointsAreLargeAndInView(t *testing.T) {
	for _, screen := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1600, Height: 1000}, {Width: 1366, Height: 768}} {
		t.Run(fmt.Sprintf("%vx%v", screen.Width, screen.Height), func(t *testing.T) { keyPointsInView(t, screen) })
	}
}

func keyPointsInView(t *testing.T, screen fyne.Size) {
	a, _ := newTestApp(t)
	a.win.Resize(screen)
	longest, n := "", 0
	for _, id := range a.lib.IDs() {
		tx, _ := a.lib.Explain(id)
		if l := len(strings.Join(tx.KeyPoints, " ")); l > n {
			longest, n = id, l
		}
	}
	test.Tap(findButton(t, a.toolbarBox, "Present"))
	if body := a.fyneApp.Settings().Theme().Size(sizePanelText); body < 32*screen.Height/1080 {
		t.Errorf("presenting: body and key points %v px, want at least 32", body)
	}
	for _, id := range []string{"disc:L4-L5", longest} {
		a.openID(id)
		a.win.Canvas().Capture()
		tx, _ := a.lib.Explain(id)
		var points *widget.RichText
		for _, o := range test.LaidOutObjects(a.panel.content) {
			if rt, ok := o.(*widget.RichText); ok && strings.Contains(rt.String(), tx.KeyPoints[len(tx.KeyPoints)-1]) {
				points = rt
			}
		}
		if points == nil {
			t.Fatalf("%s: no key points on show:\n%s", id, panelText(a.panel))
		}
		for _, seg := range points.Segments {
			if ts := seg.(*widget.TextSegment); ts.Text != "" && ts.Style.SizeName != sizePanelText {
				t.Errorf("%s: key point piece %q in %q, want the panel's body type", id, ts.Text, ts.Style.SizeName)
			}
		}
		d := fyne.CurrentApp().Driver()
		bottom := d.AbsolutePositionForObject(points).Y + points.Size().Height
		view := d.AbsolutePositionForObject(a.panel.scroll).Y + a.panel.scroll.Size().Height
		if bottom > view {
			t.Errorf("%s: the key points end at %v, below the panel's view at %v", id, bottom, view)
		}
	}
}
