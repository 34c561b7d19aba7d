package pdf

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"chairside/internal/content"
)

func TestCompactCitation(t *testing.T) {
	for _, c := range []struct{ full, want string }{
		{"Kawchuk GN, Fryer J, Jaremko JL, Zeng H, Rowe L, Thompson R. Real-time visualization of joint cavitation. PLoS ONE 2015;10(4):e0119470.",
			"Kawchuk et al., 2015. Real-time visualization of joint cavitation."},
		{"Castellanos J, Axelrod D. Effect of habitual knuckle cracking on hand function. Annals of the Rheumatic Diseases 1990;49:308-309.",
			"Castellanos & Axelrod, 1990. Effect of habitual knuckle cracking on hand function."},
		{"McGill SM. Low Back Disorders: Evidence-Based Prevention and Rehabilitation. 3rd ed. Champaign, IL: Human Kinetics; 2016.",
			"McGill, 2016. Low Back Disorders."},
		{"OpenStax (Betts JG, Young KA, Wise JA, et al.). Anatomy and Physiology 2e, section 7.3 The Vertebral Column. Houston (TX): OpenStax; 2022.",
			"OpenStax, 2022. Anatomy and Physiology 2e, section 7.3 The Vertebral Column."},
		{"National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: assessment and management (NICE guideline NG59). London: NICE; 2016, updated 2020.",
			"NICE, 2016, updated 2020. Low back pain and sciatica in over 16s."},
		// An organisation's own shorter name, as its citation gives it as
		// publisher: initials or its first words; another publisher's
		// name is not the author's.
		{"Cambridge University Hospitals NHS Foundation Trust, Outpatient Physiotherapy. Neck exercises and advice (patient information PIN2792). Cambridge: CUH; 2011.",
			"CUH, 2011. Neck exercises and advice (patient information PIN2792)."},
		{"Guy's and St Thomas' NHS Foundation Trust. Low back pain: physiotherapy and exercises. London: Guy's and St Thomas'; accessed 2026.",
			"Guy's and St Thomas', accessed 2026. Low back pain: physiotherapy and exercises."},
		{"Mayo Clinic Staff. Bridge position. Rochester, MN: Mayo Foundation for Medical Education and Research; accessed 2026.",
			"Mayo Clinic Staff, accessed 2026. Bridge position."},
		{"National Institute for Health and Care Excellence. Osteoarthritis. London: NHS; 2022.",
			"National Institute for Health and Care Excellence, 2022. Osteoarthritis."},
		{"NHS inform. Exercises for back pain. Edinburgh: NHS 24; accessed 2026.",
			"NHS inform, accessed 2026. Exercises for back pain."},
		{"Arthritis Research UK. Neck pain (information leaflet 2305/P-NECK). Chesterfield: Arthritis Research UK; 2012.",
			"Arthritis Research UK, 2012. Neck pain (information leaflet 2305/P-NECK)."},
		{"State Insurance Regulatory Authority (NSW). Whiplash neck exercises: exercises while sitting. Sydney: SIRA; accessed 2026.",
			"SIRA, accessed 2026. Whiplash neck exercises: exercises while sitting."},
		{"Chandran Suja V, Barakat AI. A mathematical model for the sounds produced by knuckle cracking. Scientific Reports 2018;8:4600.",
			"Chandran Suja & Barakat, 2018. A mathematical model for the sounds produced by knuckle cracking."},
		// A title that ends in a question mark, and a long one cut to its
		// main part.
		{"Ross JK, Bereznick DE, McGill SM. Determining cavitation location during lumbar and thoracic spinal manipulation: is spinal manipulation accurate and specific? Spine 2004;29(13):1452-1457.",
			"Ross et al., 2004. Determining cavitation location during lumbar and thoracic spinal manipulation."},
		{"Saraceni N, Kent P, Ng L, Campbell A, Straker L, O'Sullivan P. To flex or not to flex? Is there a relationship between lumbar spine flexion during lifting and low back pain? A systematic review with meta-analysis. Journal of Orthopaedic & Sports Physical Therapy 2020;50(3):121-130.",
			"Saraceni et al., 2020. To flex or not to flex?"},
		{"Fogel GR, Cunningham PY 3rd, Esses SI. Coccygodynia: evaluation and management. Journal of the American Academy of Orthopaedic Surgeons 2004;12(1):49-54.",
			"Fogel et al., 2004. Coccygodynia: evaluation and management."},
		// What does not read as a citation prints as written.
		{"Gray's Anatomy, 42nd edition (2020), chapter 'Back'.", "Gray's Anatomy, 42nd edition (2020), chapter 'Back'."},
		{"NICE guideline NG59: Low back pain and sciatica in over 16s (2016, updated 2020).", "NICE guideline NG59: Low back pain and sciatica in over 16s (2016, updated 2020)."},
		{"https://www.nhs.uk/conditions/back-pain/", "https://www.nhs.uk/conditions/back-pain/"},
		{"source1{ Author A, et al. A study of backs. Journal 2015;0 }source1", "source1{ Author A, et al. A study of backs. Journal 2015;0 }source1"},
		{"", ""},
	} {
		if got := compactCitation(c.full); got != c.want {
			t.Errorf("compactCitation(%.40q…)\n got %q\nwant %q", c.full, got, c.want)
		}
	}
}

// TestCompactCitationsOfTheLibrary: every source the library cites reads
// short, with its first author (or organisation), its year and the start
// of its title, and fitted to a column it takes one line when at least
// four words of its title stay.
func TestCompactCitationsOfTheLibrary(t *testing.T) {
	refs, err := content.References()
	if err != nil {
		t.Fatal(err)
	}
	year := regexp.MustCompile(`(?:19|20)\d\d`)
	for _, r := range refs {
		short := compactCitation(r.Citation)
		if short == r.Citation {
			t.Errorf("%s prints in full: %q", r.Key, r.Citation)
			continue
		}
		if n := utf8.RuneCountInString(short); n > 160 || n >= utf8.RuneCountInString(r.Citation) {
			t.Errorf("%s: %q is not short (%d characters)", r.Key, short, n)
		}
		first := strings.FieldsFunc(r.Citation, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == '.' })[0]
		// The author, or the shorter name the citation gives it as publisher.
		who, _, _ := strings.Cut(short, ",")
		if !strings.HasPrefix(short, first) && !strings.Contains(r.Citation, ": "+who+";") {
			t.Errorf("%s: %q does not start with the first author %q", r.Key, short, first)
		}
		if y := year.FindString(short); y == "" || !strings.Contains(r.Citation, y) {
			t.Errorf("%s: %q lacks the citation's year", r.Key, short)
		}
		_, rest, _ := splitAuthors(strings.TrimSuffix(r.Citation, "."))
		if title := strings.TrimRight(firstWords(rest, 1), ".:?"); !strings.Contains(short, title) {
			t.Errorf("%s: %q lacks the start of the title %q", r.Key, short, title)
		}
		// Fitted to 60 characters: one line, or the title's main part cut
		// to no fewer than four words.
		fitted := shortCitation(r.Citation, func(s string) bool { return utf8.RuneCountInString(s) <= 60 })
		if _, title, ok := strings.Cut(fitted, ". "); !ok || len(strings.Fields(title)) < minTitleWords && strings.HasSuffix(title, "…") {
			t.Errorf("%s: %q cuts the title to fewer than %d words", r.Key, fitted, minTitleWords)
		}
	}
}
