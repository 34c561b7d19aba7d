package content

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"text/template"

	"chairside/internal/anatomy"
	"chairside/internal/words"
)

// fill is what a structure template sees.
type fill struct {
	ID, Name   string // "disc:L4-L5", "L4–L5 disc"
	Kind       string // vertebra, disc, facet, nerve
	Level      string // "L4", "L4-L5", "L5"
	Label      string // level as clinicians write it: "L4", "L4–L5", "L5–S1", "S1"
	Side       string // "left", "right" or ""
	Region     string // C, T, L, S, Co
	RegionName string // "low back (lumbar spine)"
	// Neck, MidBack and LowBack say which region the structure is in (C,
	// T, L), so templates read {{if .Neck}} rather than compare strings.
	Neck, MidBack, LowBack bool
	OnSacrum               bool   // a disc or facet joint whose lower bone is the sacrum (L5–S1)
	Fused                  bool   // the sacrum or the coccyx: fused bones, not one vertebra
	Upper                  string // segments: the vertebra above ("L5")
	Lower                  string // segments: the vertebra below ("S1" for the sacrum)
	// Root is, for a disc, the nerve root a bulge usually presses on; for a
	// facet joint, the root that leaves through the opening just in front of it.
	Root string
	// ExitRoot is, for a disc, the root that leaves at its level (a bulge out
	// to the side can press on it instead).
	ExitRoot string
	// Exit is, for a nerve root, the level of the opening it leaves through
	// ("L5–S1"), or "" for roots that do not leave beside a disc.
	Exit string
	// PressedBy is, for a nerve root, the disc whose bulge usually presses
	// on it ("L4–L5" for L5): the inverse of a disc's Root.
	PressedBy string
	D         map[string]string // the per-level row of data/<kind>.json
}

type kindTemplate struct {
	doc   *doc
	tmpl  *template.Template
	title *template.Template
	data  map[string]map[string]string
	// dataFallback: the facts came from English while the template did not.
	dataFallback bool
}

var funcs = template.FuncMap{"cap": words.UpperFirst}

// loadKind reads the template of one kind of structure and its level facts.
func loadKind(files map[string]source, k anatomy.Kind) (*kindTemplate, error) {
	p := path.Join(dirStructures, string(k)+".md")
	if _, ok := files[p]; !ok {
		return nil, fmt.Errorf("content library: missing template %s/%s", DefaultLang, p)
	}
	d, err := parseFile(files, p)
	if err != nil {
		return nil, err
	}
	if err := d.checkKeys(templateKeys...); err != nil {
		return nil, err
	}
	if kind := string(d.meta.Kind); kind != "" && kind != string(k) {
		return nil, fmt.Errorf("%s/%s: kind %q, but this is the %s template", d.lang, p, kind, k)
	}
	kt := &kindTemplate{doc: d}
	kt.tmpl, err = template.New(string(k)).Option("missingkey=error").Funcs(funcs).Parse(d.body)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", d.lang, p, err)
	}
	kt.title, err = template.New("title").Option("missingkey=error").Funcs(funcs).Parse(string(d.meta.Title))
	if err != nil {
		return nil, fmt.Errorf("%s/%s: title: %w", d.lang, p, err)
	}
	dp := path.Join(dirData, string(k)+".json")
	if src, ok := files[dp]; ok {
		if err := json.Unmarshal(src.data, &kt.data); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", src.lang, dp, err)
		}
		kt.dataFallback = src.fallback
	}
	return kt, nil
}

// fillFor gathers the level facts of one structure.
func fillFor(s anatomy.Structure, data map[string]map[string]string) (fill, error) {
	f := fill{ID: s.ID, Name: s.Name, Kind: string(s.Kind), Level: s.Level, Label: s.Level,
		Side: string(s.Side), Region: string(s.Region), RegionName: anatomy.RegionName(s.Region),
		Neck: s.Region == anatomy.Cervical, MidBack: s.Region == anatomy.Thoracic, LowBack: s.Region == anatomy.Lumbar}
	switch s.Kind {
	case anatomy.Vertebra:
		if s.Level == "S" {
			f.Label, f.Fused = "sacrum", true
		} else if s.Level == "Co" {
			f.Label, f.Fused = "coccyx", true
		}
	case anatomy.Disc, anatomy.Facet:
		f.Label = anatomy.SegmentLabel(s.Level)
		f.Upper, f.Lower, _ = strings.Cut(f.Label, "–")
		f.OnSacrum = f.Lower == "S1"
		f.ExitRoot = anatomy.ExitingRoot(s.Level)
		f.Root = f.ExitRoot
		if s.Kind == anatomy.Disc {
			f.Root = anatomy.DiscRoot(s.Level)
		}
	case anatomy.Nerve:
		if seg := anatomy.ExitSegment(s.Level); seg != "" {
			f.Exit = anatomy.SegmentLabel(seg)
		}
		if seg := anatomy.DiscPressingOn(s.Level); seg != "" {
			f.PressedBy = anatomy.SegmentLabel(seg)
		}
	}
	if data != nil {
		row, ok := data[s.Level]
		if !ok {
			return f, fmt.Errorf("no facts for level %s", s.Level)
		}
		f.D = row
	}
	return f, nil
}
