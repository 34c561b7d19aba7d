package content

import (
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"chairside/assets"
	"chairside/internal/anatomy"
)

var (
	libOnce sync.Once
	libEN   *Library
	libErr  error
)

func english(t testing.TB) *Library {
	t.Helper()
	libOnce.Do(func() { libEN, libErr = Load("en") })
	if libErr != nil {
		t.Fatalf("Load(en): %v", libErr)
	}
	return libEN
}

func explain(t *testing.T, l *Library, id string) Text {
	t.Helper()
	tx, err := l.Explain(id)
	if err != nil {
		t.Fatalf("Explain(%s): %v", id, err)
	}
	return tx
}

func TestRequiredTopicsAndConditions(t *testing.T) {
	l := english(t)
	var topics, conditions []string
	for _, tx := range l.Topics() {
		topics = append(topics, tx.ID)
	}
	for _, tx := range l.Conditions() {
		conditions = append(conditions, tx.ID)
	}
	wantTopics := []string{"topic:cracking-your-back", "topic:what-does-not-happen", "topic:benefits-and-risks",
		"topic:safe-stretches-at-home", "topic:adjustments", "topic:red-flags"}
	if len(topics) < len(wantTopics) || !slices.Equal(topics[:len(wantTopics)], wantTopics) { // the library's later topics follow
		t.Errorf("topics in reading order:\n got %v\nwant %v", topics, wantTopics)
	}
	for _, id := range []string{"condition:disc-herniation", "condition:degenerative-disc-disease", "condition:facet-syndrome",
		"condition:stenosis", "condition:spondylolisthesis", "condition:sciatica", "condition:muscle-strain",
		"condition:whiplash", "condition:scoliosis", "condition:posture-neck-pain"} {
		if !slices.Contains(conditions, id) {
			t.Errorf("missing %s", id)
		}
	}
}

// Where a root leaves: the foramen of anatomy.ExitSegment, or its own words.
func TestNerveRootExits(t *testing.T) {
	l := english(t)
	cases := map[string]string{
		"C1":  "between the skull and the C1 vertebra",
		"C2":  "between the C1 and C2 vertebrae",
		"C6":  "at the C5–C6 level",
		"C8":  "at the C7–T1 level",
		"T1":  "at the T1–T2 level",
		"L4":  "at the L4–L5 level",
		"L5":  "at the L5–S1 level",
		"S1":  "through an opening in the sacrum",
		"Co1": "beside the coccyx",
	}
	for root, want := range cases {
		body := explain(t, l, "nerve:"+root+":left").Body
		if !strings.Contains(body, want) {
			t.Errorf("nerve:%s: should say it leaves %q", root, want)
		}
	}
}

// Roots that do not leave beside a disc must not be said to be pinched by one.
func TestRootsWithoutADisc(t *testing.T) {
	l := english(t)
	for _, root := range []string{"C1", "C2", "S2", "S3", "S4", "S5", "Co1"} {
		body := explain(t, l, "nerve:"+root+":left").Body
		if strings.Contains(body, "A bulging disc can press on it") {
			t.Errorf("nerve:%s: blames a disc beside it", root)
		}
		want := "cauda equina"
		if root == "C1" || root == "C2" {
			want = "no disc"
		}
		if !strings.Contains(body, want) {
			t.Errorf("nerve:%s: should mention %q", root, want)
		}
	}
	if body := explain(t, l, "nerve:T1:left").Body; !strings.Contains(body, "inner side of the arm") || strings.Contains(body, "band") {
		t.Error("nerve:T1: its pain runs into the arm, not around the chest")
	}
	for _, root := range []string{"C5", "T6", "L1", "L5", "S1"} {
		if body := explain(t, l, "nerve:"+root+":left").Body; !strings.Contains(body, "A bulging disc can press on it") {
			t.Errorf("nerve:%s: should say a disc can press on it", root)
		}
	}
}

func TestDiscRootRule(t *testing.T) {
	cases := map[string]string{"C2-C3": "C3", "C5-C6": "C6", "C6-C7": "C7", "C7-T1": "C8", "T6-T7": "T6",
		"L3-L4": "L4", "L4-L5": "L5", "L5-S": "S1"}
	for seg, want := range cases {
		if got := anatomy.DiscRoot(seg); got != want {
			t.Errorf("DiscRoot(%s) = %s, want %s", seg, got, want)
		}
	}
	l := english(t)
	for id, want := range map[string]string{
		"disc:C4-C5": "usually presses on the C5 nerve root",
		"disc:C5-C6": "usually presses on the **C6 nerve root**",
		"disc:C6-C7": "usually presses on the **C7 nerve root**",
		"disc:L4-L5": "usually presses on the **L5 nerve root**",
		"disc:L5-S":  "usually presses on the **S1 nerve root**",
		"disc:L3-L4": "tends to press on the L4 nerve root",
	} {
		if body := explain(t, l, id).Body; !strings.Contains(body, want) {
			t.Errorf("%s: should say %q", id, want)
		}
	}
	if body := explain(t, l, "disc:L4-L5").Body; !strings.Contains(body, "big toe") {
		t.Error("disc:L4-L5 should say an L5 root problem is felt towards the big toe")
	}
}

func TestFacetJointsExplainTheCrackAndTheMyth(t *testing.T) {
	l := english(t)
	for _, s := range anatomy.All() {
		if s.Kind != anatomy.Facet {
			continue
		}
		tx := explain(t, l, s.ID)
		for _, topic := range []string{"topic:cracking-your-back", "topic:what-does-not-happen", "topic:safe-stretches-at-home"} {
			if !slices.Contains(tx.Related, topic) {
				t.Errorf("%s: does not link %s", s.ID, topic)
			}
		}
		// The crack story is told once, in its topic; each joint points to it
		// and hedges where a crack comes from (Ross et al. 2004).
		if !strings.Contains(tx.Body, `"Cracking your back: what the sound is", linked below`) ||
			!strings.Contains(tx.Body, "often not the joint that was aimed at") {
			t.Errorf("%s: does not point to the crack story or hedge where the crack comes from:\n%s", s.ID, tx.Body)
		}
		for _, overclaim := range []string{"This is where the", "gas bubble forms", "cannot crack again"} {
			if strings.Contains(tx.Body, overclaim) {
				t.Errorf("%s: says %q", s.ID, overclaim)
			}
		}
		root := anatomy.ExitingRoot(s.Level)
		want := "Many people think nerves run through the facet joints. They do not. The " + string(s.Side) + " " + root +
			" nerve root leaves through a small window just in front of this joint"
		if !strings.Contains(tx.Body, want) {
			t.Errorf("%s: myth not corrected with the %s root:\n%s", s.ID, root, tx.Body)
		}
	}
}

func TestSpecialLevels(t *testing.T) {
	l := english(t)
	cases := map[string][]string{
		"vertebra:C1":       {"atlas", "no solid body", "no disc above it or below it"},
		"vertebra:C2":       {"axis", "dens", "no disc between C1 and C2"},
		"vertebra:C7":       {"bump you can feel at the base of your neck"},
		"vertebra:T1":       {"first pair of ribs", "second ribs"},
		"vertebra:T5":       {"fifth pair of ribs", "sixth ribs"},
		"vertebra:T9":       {"ninth pair of ribs"},
		"vertebra:T11":      {"eleventh pair of ribs", "floating"},
		"vertebra:T12":      {"twelfth pair of ribs", "floating"},
		"vertebra:L1":       {"spinal cord ends near this level", "cauda equina"},
		"vertebra:L4":       {"tops of the hip bones"},
		"vertebra:L5":       {"sacrum", "spondylolisthesis", "spondylolysis"},
		"vertebra:S":        {"five vertebrae", "sacroiliac"},
		"vertebra:Co":       {"tailbone", "three to five"},
		"disc:L4-L5":        {"L5 nerve root", "big toe"},
		"disc:L5-S":         {"S1 nerve root", "heel"},
		"disc:C5-C6":        {"C6 nerve root", "thumb"},
		"facet:T12-L1:left": {"side to side, like those of the low back"},
		"facet:T6-T7:left":  {"face forward and back"},
		"disc:C6-C7":        {"C7 nerve root", "middle finger"},
	}
	for id, wants := range cases {
		body := explain(t, l, id).Body
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s: should mention %q", id, w)
			}
		}
	}
	for i := 1; i <= 12; i++ {
		level := "T" + strconv.Itoa(i)
		body := explain(t, l, "vertebra:"+level).Body
		if !strings.Contains(body, ordinals[i]+" pair of ribs") {
			t.Errorf("vertebra:%s: should name the %s pair of ribs", level, ordinals[i])
		}
	}
	if title := explain(t, l, "vertebra:S").Title; title != "The sacrum" {
		t.Errorf("sacrum title %q", title)
	}
}

var ordinals = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}

func TestRelated(t *testing.T) {
	l := english(t)
	ids := func(ts []Text) []string {
		var out []string
		for _, tx := range ts {
			out = append(out, tx.ID)
		}
		return out
	}
	rel := ids(l.RelatedTo("disc:L4-L5"))
	for _, want := range []string{"condition:disc-herniation", "condition:sciatica", "condition:degenerative-disc-disease", "topic:red-flags"} {
		if !slices.Contains(rel, want) {
			t.Errorf("RelatedTo(disc:L4-L5) = %v lacks %s", rel, want)
		}
	}
	if rel := ids(l.RelatedTo("facet:L4-L5:left")); !slices.Contains(rel, "condition:facet-syndrome") || rel[0] != "topic:cracking-your-back" {
		t.Errorf("RelatedTo(facet:L4-L5:left) = %v", rel)
	}
	st := ids(l.RelatedTo("condition:sciatica"))
	for _, want := range []string{"nerve:L5:left", "nerve:S1:right", "disc:L4-L5"} {
		if !slices.Contains(st, want) {
			t.Errorf("RelatedTo(condition:sciatica) = %v lacks %s", st, want)
		}
	}
	if slices.Contains(st, "vertebra:C1") {
		t.Error("sciatica should not involve C1")
	}
	if got := explain(t, l, "condition:facet-syndrome").Structures; len(got) != 46 {
		t.Errorf("facet syndrome involves %d structures, want the 46 facet joints", len(got))
	}
	if got := l.RelatedTo("nope"); got != nil {
		t.Errorf("RelatedTo(nope) = %v", got)
	}
	// A structure lists a condition exactly when the condition lists it.
	for _, c := range l.Conditions() {
		for _, s := range anatomy.All() {
			inCondition := slices.Contains(c.Structures, s.ID)
			inStructure := slices.Contains(explain(t, l, s.ID).Related, c.ID)
			if inCondition != inStructure {
				t.Errorf("%s lists %s: %v, but %s lists %s: %v", c.ID, s.ID, inCondition, s.ID, c.ID, inStructure)
			}
		}
	}
	// Every structure is linked to at least one condition or topic.
	for _, s := range anatomy.All() {
		if len(explain(t, l, s.ID).Related) == 0 {
			t.Errorf("%s: nothing related", s.ID)
		}
	}
}

func TestStretches(t *testing.T) {
	st := english(t).Stretches()
	var ids []string
	for _, s := range st {
		ids = append(ids, s.ID)
		if len(s.Steps) < 3 {
			t.Errorf("%s: %d steps", s.ID, len(s.Steps))
		}
		if s.Cautions == "" || strings.Contains(s.Cautions, "**") {
			t.Errorf("%s: cautions %q", s.ID, s.Cautions)
		}
		for _, step := range s.Steps {
			if step == "" || strings.HasPrefix(step, "1.") {
				t.Errorf("%s: step %q", s.ID, step)
			}
		}
	}
	want := []string{"exercise:cat-camel", "exercise:knee-to-chest", "exercise:seated-rotation", "exercise:childs-pose", "exercise:bridge",
		"exercise:chin-tuck", "exercise:neck-rotation", "exercise:neck-side-bend", "exercise:shoulder-blade-squeeze", "exercise:thoracic-extension-chair"}
	if !slices.Equal(ids, want) {
		t.Errorf("stretches %v, want %v", ids, want)
	}
	if st[0].Name != "Cat-cow" || !strings.HasPrefix(st[0].Steps[0], "Start on your hands and knees") ||
		!strings.HasPrefix(st[0].Cautions, "Keep the movement small") {
		t.Errorf("cat-cow parsed as %+v", st[0])
	}
}

func TestExplainUnknownAndCase(t *testing.T) {
	l := english(t)
	cases := []struct{ id, suggest string }{
		{"vertebra:L6", "vertebra:L5"},
		{"disc:L4-L6", "disc:L4-L5"},
		{"topic:craking-your-back", "topic:cracking-your-back"},
		{"condition:sciatic", "condition:sciatica"},
		{"whiplash", "condition:whiplash"},
		{"big toe", "nerve:L5:left"},
	}
	for _, c := range cases {
		_, err := l.Explain(c.id)
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Explain(%q): err %v, want *NotFoundError", c.id, err)
			continue
		}
		if !slices.Contains(nf.Suggestions, c.suggest) || !strings.Contains(err.Error(), c.suggest) {
			t.Errorf("Explain(%q): suggestions %v, want %s", c.id, nf.Suggestions, c.suggest)
		}
	}
	_, err := l.Explain("zzzzzzzz:qqq")
	if err == nil || !strings.Contains(err.Error(), "IDs look like") {
		t.Errorf("Explain(nonsense) = %v", err)
	}
	for typed, want := range map[string]string{"DISC:l4-l5": "disc:L4-L5", "disc:L5-S1": "disc:L5-S",
		"facet:L5-S1:left": "facet:L5-S:left", " nerve:s1:Right ": "nerve:S1:right"} {
		if tx, err := l.Explain(typed); err != nil || tx.ID != want {
			t.Errorf("Explain(%q) = %q, %v; want %s", typed, tx.ID, err, want)
		}
	}
}

func TestTextsAreCopies(t *testing.T) {
	l := english(t)
	a := explain(t, l, "disc:L4-L5")
	a.Sources[0] = "changed"
	a.Related[0] = "changed"
	if b := explain(t, l, "disc:L4-L5"); b.Sources[0] == "changed" || b.Related[0] == "changed" {
		t.Error("a caller changed the library through a returned Text")
	}
	s := l.Stretches()
	s[0].Steps[0] = "changed"
	if l.Stretches()[0].Steps[0] == "changed" {
		t.Error("a caller changed a stretch of the library")
	}
}

// englishFS copies the embedded library into a map file system that a
// test can add files to.
func englishFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(assets.Content, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.Content, p)
		m[strings.TrimPrefix(p, "content/")] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFallbackToEnglish(t *testing.T) {
	fsys := englishFS(t)
	fsys["xx/topics/cracking-your-back.md"] = &fstest.MapFile{Data: []byte(`---
id: topic:cracking-your-back
title: Xx cracking
sources:
  - Kawchuk GN et al. Real-time visualization of joint cavitation. PLoS ONE 2015
reviewed: 2026-11-25
related: topic:red-flags
keypoints:
  - Xx one. [1]
  - Xx two. [1]
  - Xx three. []
---
## Xx heading

Xx text.
`)}
	l, err := LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	tr := explain(t, l, "topic:cracking-your-back")
	if tr.Title != "Xx cracking" || tr.Lang != "xx" || tr.Fallback {
		t.Errorf("translated text: title %q lang %q fallback %v", tr.Title, tr.Lang, tr.Fallback)
	}
	for _, id := range []string{"topic:red-flags", "disc:L4-L5", "condition:sciatica", "nerve:L5:left"} {
		tx := explain(t, l, id)
		if !tx.Fallback || tx.Lang != "en" {
			t.Errorf("%s: lang %q fallback %v, want English marked as fallback", id, tx.Lang, tx.Fallback)
		}
	}
	if l.Lang() != "xx" {
		t.Errorf("Lang() = %q", l.Lang())
	}
	// A translated structure template is used for every structure of its kind.
	fsys["xx/structures/disc.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Xx disc {{.Label}}\nsources:\n  - OpenStax Anatomy & Physiology 2e\nreviewed: 2026-11-25\n---\n{{define \"key\"}}\n- Xx {{.Label}}. [1]\n- Xx two. [1]\n- Xx three. [1]\n{{end}}\n## Xx\n\nXx {{.Root}}.\n")}
	// Its facts come with it: a template in one language filled with facts
	// from another would be a mixed text.
	fsys["xx/data/disc.json"] = fsys["en/data/disc.json"]
	l, err = LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	if tx := explain(t, l, "disc:C4-C5"); tx.Fallback || tx.Lang != "xx" || tx.Title != "Xx disc C4–C5" || tx.Body != "## Xx\n\nXx C5." ||
		!slices.Equal(tx.KeyPoints, []string{"Xx C4–C5.", "Xx two.", "Xx three."}) {
		t.Errorf("translated template: %+v", tx)
	}
	delete(fsys, "xx/data/disc.json")
	l, err = LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	if tx := explain(t, l, "disc:C4-C5"); !tx.Fallback {
		t.Error("a translated template filled with English facts should be marked")
	}
	fsys["xx/data/disc.json"] = fsys["en/data/disc.json"]
	l, err = LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	// The L4-L5 disc has an override only in English: the whole text is
	// shown in English and marked, not the general translated disc text.
	if tx := explain(t, l, "disc:L4-L5"); !tx.Fallback || tx.Lang != "en" || tx.Title != "The L4–L5 disc" ||
		!strings.Contains(tx.Body, "**L5 nerve root**") || strings.Contains(tx.Body, "Xx") {
		t.Errorf("disc:L4-L5 with an English override: %+v", tx)
	}
	// An unknown language: English, every text marked.
	for _, lang := range []string{"zz", "../en", "EN-!!"} {
		l, err := LoadFS(englishFS(t), lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range l.IDs() {
			if tx := explain(t, l, id); !tx.Fallback || tx.Lang != "en" {
				t.Fatalf("lang %q: %s not marked as English fallback", lang, id)
			}
		}
	}
	for _, id := range english(t).IDs() {
		if explain(t, english(t), id).Fallback {
			t.Fatalf("English text %s marked as fallback", id)
		}
	}
}

func TestLoadRejectsBrokenFiles(t *testing.T) {
	cases := []struct {
		name, path, data, want string
	}{
		{"no front matter", "en/topics/x.md", "## Hello\n", "must start with a front matter"},
		{"unclosed", "en/topics/x.md", "---\nid: topic:x\n", "not closed"},
		{"no sources", "en/topics/x.md", "---\nid: topic:x\ntitle: X\nreviewed: 2026-11-25\n---\nText.\n", "no sources"},
		{"bad date", "en/topics/x.md", "---\nid: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 25/11/2026\n---\nText.\n", "not YYYY-MM-DD"},
		{"wrong prefix", "en/conditions/x.md", "---\nid: topic:x\n---\nText.\n", "must start with \"condition:\""},
		{"bad pattern", "en/conditions/x.md", "---\nid: condition:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 2026-11-25\nstructures: disc:Z*\nkeypoints:\n  - One. [1]\n  - Two. [1]\n  - Three. [1]\n---\nText.\n", "matches no structure"},
		{"unknown related", "en/topics/x.md", "---\nid: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 2026-11-25\nrelated: topic:nowhere\nkeypoints:\n  - One. [1]\n  - Two. [1]\n  - Three. [1]\n---\nText.\n", "topic:nowhere"},
		{"template hole", "en/overrides/x.md", "---\nid: disc:L4-L5\n---\n{{define \"what\"}}{{.D.nothing}}{{end}}\n", "disc:L4-L5"},
		{"misspelt section", "en/overrides/x.md", "---\nid: disc:L3-L4\n---\n{{define \"wrnog\"}}Text.{{end}}\n", `section "wrnog" is not in the disc template`},
		{"text outside sections", "en/overrides/x.md", "---\nid: disc:L3-L4\n---\n## Stray\n{{define \"what\"}}Text.{{end}}\n", "text outside a"},
		{"override of nothing", "en/overrides/x.md", "---\nid: disc:L9-L10\n---\n", "not a structure ID"},
		{"bad line", "en/topics/x.md", "---\nid topic x\n---\nText.\n", "line 2"},
	}
	for _, c := range cases {
		fsys := englishFS(t)
		fsys[c.path] = &fstest.MapFile{Data: []byte(c.data)}
		_, err := LoadFS(fsys, "en")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want it to mention %q", c.name, err, c.want)
		}
	}
	fsys := englishFS(t)
	delete(fsys, "en/structures/facet.md")
	if _, err := LoadFS(fsys, "en"); err == nil || !strings.Contains(err.Error(), "facet.md") {
		t.Errorf("missing template: %v", err)
	}
}

func BenchmarkLoadContent(b *testing.B) {
	for b.Loop() {
		if _, err := Load("en"); err != nil {
			b.Fatal(err)
		}
	}
}
