package ui

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/exercise"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// exercisePlan is the editor's home exercises: the library's exercises to
// pick from (first those for the regions of this visit), the chosen ones
// each with its dose to edit, a gentle warning above four, and the print
// options (large print, the two-week log). The dose's rules are the
// model's (Dose.Validate); this only shows what it says.
type exercisePlan struct {
	e   *handoutEditor
	lib *exercise.Library // nil when the library cannot be read

	chosen  []handout.Stretch
	region  *widget.Select
	offered *fyne.Container
	rows    *fyne.Container
	warning *widget.Label

	largePrint *widget.Check
	log        *widget.Check
	root       fyne.CanvasObject
}

// maxAdvisedExercises is how many exercises a handout carries before the
// editor warns: compliance falls from 86% with two exercises to 54% with
// four or more (issue 14).
const maxAdvisedExercises = 4

// newExercisePlan takes over the saved handout's exercises. The stretch
// checkboxes keep only stretches the exercise library lacks; those it
// has are edited here, with their doses.
func newExercisePlan(e *handoutEditor) *exercisePlan {
	p := &exercisePlan{e: e}
	if lib, err := exercise.Load(e.h.Lang); err == nil {
		p.lib = lib
	}
	for _, s := range e.h.HomeCare.Stretches {
		if p.has(s.ID) {
			if s.Dose.IsZero() {
				s.Dose = p.usualDose(s.ID) // saved before doses were kept: the one it printed
			}
			p.chosen = append(p.chosen, s)
		}
	}
	for i, c := range e.stretchBox {
		if p.has(e.stretches[i].ID) {
			c.Checked = false // chosen here, if at all
			c.Hide()
		}
	}
	p.region = widget.NewSelect(nil, func(string) { p.refreshOffered() })
	p.region.Options = p.regionChoices()
	p.region.SetSelected(p.region.Options[0])
	p.offered = container.NewVBox()
	p.rows = container.NewVBox()
	p.warning = widget.NewLabel(tr("exercises.many", "More than four exercises: patients do fewer of them as the list grows. Two or three they will do are worth more than six."))
	p.warning.Wrapping = fyne.TextWrapWord
	p.warning.Importance = widget.WarningImportance
	p.largePrint = widget.NewCheck(tr("exercises.large_print", "Large print (body text 14 pt)"), func(bool) { e.changed() })
	p.largePrint.Checked = e.h.LargePrint
	p.log = widget.NewCheck(tr("exercises.log", "Two-week log under the exercises (a tick and a 0–10 pain score a day)"), func(bool) { e.changed() })
	p.log.Checked = e.h.ExerciseLog
	p.root = container.NewVBox(
		p.rows, p.warning,
		container.NewBorder(nil, nil, widget.NewLabel(tr("exercises.show", "Show")), nil, p.region),
		p.offered,
		p.largePrint, p.log,
	)
	p.refresh()
	return p
}

func (p *exercisePlan) has(id string) bool {
	if p.lib == nil {
		return false
	}
	_, err := p.lib.Get(handout.StretchID(id))
	return err == nil
}

func (p *exercisePlan) usualDose(id string) handout.Dose {
	ex, err := p.lib.Get(handout.StretchID(id))
	if err != nil {
		return handout.Dose{}
	}
	return ex.Dose
}

// regionChoices are "for this visit", each region, and all exercises.
func (p *exercisePlan) regionChoices() []string {
	out := []string{tr("exercises.for_visit", "For this visit")}
	for _, r := range exercise.Regions {
		out = append(out, regionName(r))
	}
	return append(out, tr("exercises.all", "All exercises"))
}

func regionName(r exercise.Region) string {
	switch r {
	case exercise.Neck:
		return tr("exercises.region.neck", "Neck")
	case exercise.UpperBack:
		return tr("exercises.region.upper-back", "Upper back")
	case exercise.MidBack:
		return tr("exercises.region.mid-back", "Mid back")
	case exercise.LowBack:
		return tr("exercises.region.low-back", "Low back")
	case exercise.HipPelvis:
		return tr("exercises.region.hip-pelvis", "Hip and pelvis")
	case exercise.Posture:
		return tr("exercises.region.posture", "Posture")
	}
	return string(r)
}

// visitRegions are the regions of what the handout explains and marks.
// A condition counts by the structures it involves (sciatica: the low
// back's discs and roots), or a visit that only explained sciatica would
// offer neck exercises first.
func (p *exercisePlan) visitRegions() []exercise.Region {
	var ids []string
	for _, it := range p.e.items {
		ids = append(ids, it.Ref)
		if p.e.lib != nil && content.KindOf(it.Ref) == content.KindCondition {
			if t, err := p.e.lib.Explain(it.Ref); err == nil {
				ids = append(ids, t.Structures...)
			}
		}
	}
	for _, m := range p.e.marks {
		ids = append(ids, m.Structure)
	}
	return exercise.RegionsFor(ids)
}

// offeredExercises are the library's exercises for the chosen filter, less
// those already chosen. For a visit with no region yet, all of them.
func (p *exercisePlan) offeredExercises() []exercise.Exercise {
	if p.lib == nil {
		return nil
	}
	var list []exercise.Exercise
	switch i := slices.Index(p.region.Options, p.region.Selected); {
	case i == 0:
		if rs := p.visitRegions(); len(rs) > 0 {
			list = p.lib.ForVisit(rs)
		} else {
			list = p.lib.All()
		}
	case i > 0 && i <= len(exercise.Regions):
		list = p.lib.InRegion(exercise.Regions[i-1])
	default:
		list = p.lib.All()
	}
	return slices.DeleteFunc(list, func(ex exercise.Exercise) bool {
		return slices.ContainsFunc(p.chosen, func(s handout.Stretch) bool { return handout.StretchID(s.ID) == ex.ID })
	})
}

// refresh rebuilds the chosen rows, the warning and the offered list.
func (p *exercisePlan) refresh() {
	p.rows.Objects = nil
	for i := range p.chosen {
		p.rows.Add(p.doseRow(i))
	}
	p.rows.Refresh()
	if len(p.chosen) > maxAdvisedExercises {
		p.warning.Show()
	} else {
		p.warning.Hide()
	}
	p.refreshOffered()
}

func (p *exercisePlan) refreshOffered() {
	if p.offered == nil {
		return
	}
	p.offered.Objects = nil
	for _, ex := range p.offeredExercises() {
		add := widget.NewButtonWithIcon(tr("exercises.add", "Add"), theme.ContentAddIcon(), func() { p.add(ex) })
		p.offered.Add(container.NewBorder(nil, nil, nil, add, widget.NewLabel(ex.Title)))
	}
	if p.lib == nil {
		p.offered.Add(widget.NewLabel(tr("exercises.no_library", "The exercise library could not be read in this language.")))
	}
	p.offered.Refresh()
}

// add takes an exercise into the plan with the library's usual dose.
func (p *exercisePlan) add(ex exercise.Exercise) {
	p.chosen = append(p.chosen, draft.StretchOfExercise(ex))
	p.refresh()
	p.e.edited()
}

func (p *exercisePlan) remove(i int) {
	p.chosen = slices.Delete(p.chosen, i, i+1)
	p.refresh()
	p.e.edited()
}

// doseField is one number of a dose the clinician may change.
type doseField struct {
	label func() string
	get   func(*handout.Dose) *int
}

var doseFields = []doseField{
	{func() string { return tr("exercises.dose.sets", "Sets") }, func(d *handout.Dose) *int { return &d.Sets }},
	{func() string { return tr("exercises.dose.reps", "Reps") }, func(d *handout.Dose) *int { return &d.Reps }},
	{func() string { return tr("exercises.dose.hold", "Hold (s)") }, func(d *handout.Dose) *int { return &d.HoldSec }},
	{func() string { return tr("exercises.dose.minutes", "Minutes") }, func(d *handout.Dose) *int { return &d.Minutes }},
	{func() string { return tr("exercises.dose.per_day", "Per day") }, func(d *handout.Dose) *int { return &d.PerDay }},
	{func() string { return tr("exercises.dose.days_week", "Days/week") }, func(d *handout.Dose) *int { return &d.DaysWeek }},
}

// doseRow is one chosen exercise: its name, Remove, its dose as numbers,
// the dose in the patient's words, and what is wrong with it, if anything.
func (p *exercisePlan) doseRow(i int) fyne.CanvasObject {
	s := &p.chosen[i]
	words := widget.NewLabel("")
	words.Wrapping = fyne.TextWrapWord
	problem := errorLabel()
	show := func() {
		if err := s.Dose.Validate(); err != nil {
			problem.SetText(strings.TrimPrefix(err.Error(), "dose: "))
			problem.Show()
			words.SetText("")
			return
		}
		problem.Hide()
		words.SetText(s.Dose.Words(i18n.For(p.e.h.Lang)))
	}
	cells := make([]fyne.CanvasObject, 0, len(doseFields))
	for _, f := range doseFields {
		entry := widget.NewEntry()
		if v := *f.get(&s.Dose); v != 0 {
			entry.SetText(strconv.Itoa(v))
		}
		entry.OnChanged = func(text string) {
			n, err := strconv.Atoi(strings.TrimSpace(text))
			if err != nil && strings.TrimSpace(text) != "" {
				problem.SetText(tr("exercises.whole_number", "{{.Field}}: type a whole number", map[string]any{"Field": f.label()}))
				problem.Show()
				return
			}
			*f.get(&s.Dose) = n // blank is 0: no hold, no minutes
			show()
			p.e.changed()
		}
		cells = append(cells, container.NewVBox(widget.NewLabel(f.label()), entry))
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.remove(i) })
	name := boldLabel(s.Name)
	show()
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, name),
		container.NewGridWithColumns(3, cells...),
		words, problem,
	)
}

// stretches are the chosen exercises with their doses, for saving.
func (p *exercisePlan) stretches() []handout.Stretch {
	out := make([]handout.Stretch, len(p.chosen))
	for i, s := range p.chosen {
		s.Steps = slices.Clone(s.Steps)
		out[i] = s
	}
	return out
}
