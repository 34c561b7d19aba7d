package ui

import (
	"slices"

	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/words"
)

// diagramTapped is a tap on the diagram. It gives the keyboard back to the
// diagram (the arrow keys walk from what was tapped), away from a field of
// the editor; in mark mode the desk takes the tap as a mark, else the
// structure is selected and the desk brings the explanation forward.
func (a *App) diagramTapped(id string) {
	if c := a.win.Canvas(); c.Focused() != nil {
		c.Unfocus()
	}
	if a.handouts.diagramTapped(id) {
		return
	}
	a.Select(id)
	a.handouts.explaining()
}

// trailChanged shows the visit's trail as it now is: its list, the panel's
// pin and the diagram's tints.
func (a *App) trailChanged() {
	a.trailView.refresh()
	a.panel.updatePin()
	a.refreshDiscussed()
}

// Select makes id the selected structure: highlighted, explained in the
// panel and added to this visit (a tap, or a choice from search). Unknown
// IDs are ignored, as they can only come from stale links. Something the
// clinician removed this visit stays off it: see Trail.
func (a *App) Select(id string) {
	if a.selectStructure(id, true) {
		a.trail.Add(id)
	}
}

// Preview highlights and explains id without adding it to this visit:
// walking the spine with the arrow keys passes levels nobody talked about.
// Enter (or "Add to this visit") pins what is on show.
func (a *App) Preview(id string) {
	if a.selectStructure(id, true) {
		a.trace.event("previewed %s", id)
	}
}

// Pin adds what the panel shows (a structure, topic or condition) to this
// visit, also when it was removed earlier: pinning is the explicit way back.
func (a *App) Pin() {
	id := a.panel.Current()
	if id == "" || a.trail.Has(id) {
		return
	}
	a.trail.Pin(id)
	a.trace.event("pinned %s", id)
}

// removeFromVisit takes id off this visit: off the list and, when the
// editor is open, off the handout. It stays off until pinned again.
func (a *App) removeFromVisit(id string) {
	a.trail.Remove(id)
	a.trace.event("removed from visit %s", id)
	if a.handouts != nil {
		a.handouts.removeFromHandout(id)
	}
}

// openID follows a link: a structure is selected on the diagram, a topic
// or condition opens in the panel.
func (a *App) openID(id string) {
	if _, ok := anatomy.Lookup(id); ok {
		a.Select(id)
		return
	}
	a.panel.Open(id)
}

// reselect is a tap on a trail entry: the trail already holds it.
func (a *App) reselect(id string) {
	if _, ok := anatomy.Lookup(id); ok {
		a.selectStructure(id, true)
		return
	}
	a.panel.Open(id)
}

// selectStructure highlights id and, unless openText is false (the panel
// itself asked, with Back or Forward, and keeps its history), explains it.
// It reports whether id is a structure.
func (a *App) selectStructure(id string, openText bool) bool {
	if _, ok := anatomy.Lookup(id); !ok {
		return false
	}
	a.selected = id
	a.trace.event("selected %s", id)
	if !anatomy.Drawn(a.spine.View(), id) {
		// Right facets and nerve roots are only seen from behind, discs only
		// from the side: turn the diagram so the selection is in sight.
		for _, v := range anatomy.Views() {
			if anatomy.Drawn(v, id) {
				a.SetView(v)
				break
			}
		}
	}
	a.spine.SetSelected(id)
	a.updateOtherSide()
	if openText {
		a.panel.Open(id)
	}
	a.updateTitle()
	return true
}

// refreshDiscussed tints on the diagram what this visit has covered: the
// structures on the trail and on the open handout and, while a condition
// is open, the places it involves, so the patient sees where it happens.
func (a *App) refreshDiscussed() {
	if a.panel == nil || a.spine == nil {
		return // still building the window
	}
	ids := slices.DeleteFunc(a.trail.IDs(), func(id string) bool { _, ok := anatomy.Lookup(id); return !ok })
	if a.handouts != nil {
		ids = append(ids, a.handouts.Discussed()...) // the open handout's items
	}
	if cur := a.panel.Current(); content.KindOf(cur) == content.KindCondition && a.lib != nil {
		if t, err := a.lib.Explain(cur); err == nil {
			ids = append(ids, t.Structures...)
		}
	}
	seen := map[string]bool{}
	ids = slices.DeleteFunc(ids, func(id string) bool {
		dup := seen[id]
		seen[id] = true
		return dup
	})
	a.spine.SetDiscussed(ids)
}

// ClearSelection removes the highlight; the explanation stays open.
func (a *App) ClearSelection() {
	if a.selected == "" {
		return
	}
	a.selected = ""
	a.spine.SetSelected("")
	a.updateOtherSide()
	a.trace.event("selection cleared")
	a.updateTitle()
}

func (a *App) updateTitle() {
	if a.selected == "" {
		a.win.SetTitle(appTitle)
		return
	}
	a.win.SetTitle(appTitle + " — " + displayName(a.selected))
}

// titleOf is the heading for an ID in links and lists: a structure's name,
// else the library's title for the topic or condition.
func (a *App) titleOf(id string) string {
	if _, ok := anatomy.Lookup(id); ok {
		return displayName(id)
	}
	if a.lib != nil {
		if t, err := a.lib.Explain(id); err == nil && t.Title != "" {
			return t.Title
		}
	}
	return id
}

// displayName is a structure's name where it stands alone (a heading, a
// list entry, the name beside the pointer): "Left S1 nerve root",
// "Sacrum". anatomy.Name is lower case for use inside a sentence.
func displayName(id string) string { return words.UpperFirst(structureName(id)) }
