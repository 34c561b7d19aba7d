package handout

import "time"

// sampleHandout is a small handout with every kind of text of several
// lines: an explained item, marks, notes, instructions and a stretch with
// steps and a caution. (The PDF writer's tests have their own, longer
// sample, laid out for its golden files.)
func sampleHandout() Handout {
	day := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	return Handout{
		ID: 42, PatientID: 7,
		Title:  "Your low back: what we found today",
		Date:   day,
		Status: Final,
		Lang:   "en",
		Items: []Item{{
			Ref:     "disc:L4-L5",
			Title:   "The L4–L5 disc",
			Body:    "A **disc** is a tough, springy pad.\n\n- Most bulges do not press on a nerve.\n- Many get smaller.",
			Sources: []string{"NICE guideline NG59: Low back pain and sciatica in over 16s (2016, updated 2020)."},
		}},
		Marks: []Mark{
			{Structure: "disc:L4-L5", Finding: Bulge, Note: "seen on MRI from October"},
			{Structure: "nerve:L5:left", Finding: Irritation},
		},
		ClinicianNotes: "Keep walking every day.\n\nNext visit in two weeks.\nCall us if the tingling spreads.",
		HomeCare: HomeCare{
			Stretches: []Stretch{{ID: "knee-to-chest", Name: "Knee to chest", Steps: []string{
				"Lie on your back with both knees bent.",
				"Pull one knee gently to your chest.",
			}, Cautions: "Stop if you feel pain go down your leg."}},
			Instructions: "Do these stretches twice a day.",
		},
		Revision:  3,
		CreatedAt: day,
		UpdatedAt: day.Add(20 * time.Minute),
	}
}
