package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"chairside/internal/handout"
)

// sampleDate is the fixed visit date of the test handouts.
var sampleDate = time.Date(2026, 11, 24, 15, 30, 0, 0, time.UTC)

// sampleLogo is a small clinic logo: a blue rounded mark on transparency.
func sampleLogo(tb testing.TB) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 120; x++ {
			dx, dy := x-60, y-60
			switch {
			case dx*dx+dy*dy < 56*56 && (dx*dx+dy*dy > 40*40 || (dx > -8 && dx < 8)):
				img.SetNRGBA(x, y, color.NRGBA{22, 62, 110, 255})
			case dx*dx+dy*dy < 56*56:
				img.SetNRGBA(x, y, color.NRGBA{220, 232, 245, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func sampleClinic(tb testing.TB) handout.Clinic {
	return handout.Clinic{
		Name:      "Harbour Chiropractic",
		Address:   "12 Ærøskøbing Lane, Suite 4\nPortland, OR 97201",
		Phone:     "(503) 555-0142",
		Website:   "https://harbour-chiro.example.com",
		Clinician: "Dr. Zoë Łukasiewicz, DC",
		Logo:      sampleLogo(tb),
		Paper:     handout.Letter,
	}
}

func samplePatient() handout.Patient {
	dob := time.Date(1979, 3, 8, 0, 0, 0, 0, time.UTC)
	return handout.Patient{ID: 7, Name: "José Núñez", DOB: &dob}
}

// sampleHandout is a typical three-page handout: four explained items,
// two marks, notes, two stretches.
func sampleHandout() handout.Handout {
	return handout.Handout{
		ID: 42, PatientID: 7,
		Title:  "Your low back: what we found today",
		Date:   sampleDate,
		Status: handout.Final,
		Lang:   "en",
		Items: []handout.Item{
			{
				Ref:   "disc:L4-L5",
				Title: "The L4–L5 disc",
				Body: "A **disc** is a tough, springy pad between two vertebrae. It has a firm outer ring " +
					"and a soft, gel-like centre.\n\n## What a bulge means\n\nA *bulge* means the outer ring " +
					"spreads a little past the bone's edge. Bulges are **very common**, even in people with no pain:\n\n" +
					"- Most bulges do not press on a nerve.\n- Many get smaller over months.\n" +
					"- Staying gently active helps most people recover.\n\nImaging findings and pain often do not match.",
				Sources: []string{
					"Brinjikji W, et al. Systematic literature review of imaging features of spinal degeneration in asymptomatic populations. AJNR 2015;36(4):811-816.",
					"NICE guideline NG59: Low back pain and sciatica in over 16s (2016, updated 2020).",
				},
			},
			{
				Ref:   "nerve:L5:left",
				Title: "The left L5 nerve root",
				Body: "The L5 nerve root leaves the spine through an opening called the **foramen**, " +
					"between the L5 vertebra and the sacrum.\n\n" +
					"When it is irritated you may feel:\n\n1. Pain down the outside of the leg.\n2. Tingling on the top of the foot.\n" +
					"3. Weakness lifting the big toe.\n\nNerve roots do **not** pass through the facet joints; they pass *in front of* them.",
				Sources: []string{"Gray's Anatomy, 42nd edition (2020), chapter 'Back'."},
			},
			{
				Ref:   "facet:L4-L5:right",
				Title: "The right L4–L5 facet joint",
				Body: "Facet joints are small joints at the back of the spine. They guide and limit movement.\n\n" +
					"> Stiff facet joints can make bending backwards uncomfortable.\n\n" +
					"Read more at https://www.example.org/spine/facet-joints/a-very-long-path-that-must-wrap-inside-the-margins-of-the-page-without-overflowing",
				Sources: []string{"Cohen SP, Raja SN. Pathogenesis, diagnosis, and treatment of lumbar zygapophysial (facet) joint pain. Anesthesiology 2007;106:591-614."},
			},
			{
				Ref:   "topic:cracking-your-back",
				Title: "Does the “crack” mean something moved back into place?",
				Body: "No. The sound comes from gas bubbles in the joint fluid when the joint surfaces separate. " +
					"It does not mean a bone was “out of place”, and a treatment can help without any sound.\n\n" +
					"### In short\n\nThe sound is harmless and is not a sign of success.",
				Sources: []string{"Kawchuk GN, et al. Real-time visualization of joint cavitation. PLoS One 2015;10(4):e0119470."},
			},
		},
		Marks: []handout.Mark{
			{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "seen on MRI from October"},
			{Structure: "nerve:L5:left", Finding: handout.Irritation, Note: "tingling to the left big toe"},
			{Structure: "facet:L4-L5:right", Finding: handout.Stiffness},
		},
		ClinicianNotes: "José, keep walking every day: short walks are better than bed rest.\n\n" +
			"Next visit in two weeks. Bring your MRI report.\nCall us if the tingling spreads.",
		HomeCare: handout.HomeCare{
			Stretches: []handout.Stretch{
				{ID: "knee-to-chest", Name: "Knee to chest", Steps: []string{
					"Lie on your back with both knees bent.",
					"Hold one knee with both hands and pull it gently to your chest.",
					"Hold for 20 to 30 seconds, breathing slowly.",
					"Switch legs. Do 3 on each side.",
				}, Cautions: "Stop if you feel pain go down your leg."},
				{ID: "cat-cow", Name: "Cat–cow", Steps: []string{
					"Start on your hands and knees.",
					"Breathe in and let your belly drop, lifting your head.",
					"Breathe out and round your back, tucking your chin.",
					"Repeat slowly 10 times.",
				}},
			},
			Instructions: "Do these stretches twice a day, morning and evening. Move slowly; a mild pull is fine.",
		},
		Revision:  3,
		CreatedAt: sampleDate,
		UpdatedAt: sampleDate.Add(20 * time.Minute),
	}
}

// manyItems is a handout with n items of varied length, for pagination tests.
func manyItems(n int) handout.Handout {
	h := sampleHandout()
	h.Items = nil
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("Item %d explains one part of the spine in plain words.", i+1)
		for j := 0; j < i%5; j++ {
			body += "\n\nA longer paragraph follows, so that items differ in height and headings land " +
				"near the foot of a page now and then, which is where orphaned headings would show up " +
				"if the layout did not keep a heading with the start of its text."
		}
		if i%3 == 0 {
			body += "\n\n- one point\n- another point\n- a third point"
		}
		h.Items = append(h.Items, handout.Item{
			Ref:     fmt.Sprintf("topic:item-%d", i+1),
			Title:   fmt.Sprintf("Section %d of %d", i+1, n),
			Full:    true, // the whole text, as a clinician may choose
			Body:    body,
			Sources: []string{fmt.Sprintf("Source for section %d.", i+1)},
		})
	}
	return h
}
