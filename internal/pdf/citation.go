package pdf

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The library cites its sources in full, Vancouver style ("Kawchuk GN,
// Fryer J, Jaremko JL, et al. Real-time visualization of joint cavitation.
// PLoS ONE 2015;10(4):e0119470."). A patient who looks one up needs the
// first author, the year and the title, which any search finds it by; the
// volume, pages and co-authors took two thirds of a two-dozen-source list
// and pushed its end onto a third page. The handout prints each source
// short: "Kawchuk et al., 2015. Real-time visualization of joint
// cavitation." A source that does not read as such a citation (one typed
// by hand, one saved by an older version) prints as it was written.

var (
	// An article: the title, then the journal, its year and volume.
	// A title may end in a question mark instead of a full stop.
	citeArticle = regexp.MustCompile(`^(.+?)([.?]) ([^.;:?]+?) ((?:19|20)\d\d)(?:;|$)`)
	// A book, a guideline or a web page: the title, perhaps an edition,
	// then "Place: Publisher; date".
	citeBook = regexp.MustCompile(`^(.+?)\. (?:\d+(?:st|nd|rd|th) ed\. )?([^.:;]+): ([^;]+); ([^;]*?(?:19|20)\d\d[^;]*)$`)
	// "OpenStax (Betts JG, Young KA, et al.)": an organisation with its
	// authors in brackets (not "Authority (NSW)", its short name).
	citeOrgWithAuthors = regexp.MustCompile(`^([^().]+?) \([^()]+(?:,|et al\.?)[^()]*\)$`)
)

// shortTitle is how long a title may run before only its main part (the
// part before a colon) is printed, and the most any title prints, when
// the short form is not fitted to a line.
const (
	shortTitle = 60
	longTitle  = 80
	// minTitleWords is the fewest words of a title cut to fit a line:
	// fewer would not find the source again.
	minTitleWords = 4
)

// compactCitation is the short form of a full citation, or the citation
// itself when it does not read as one.
func compactCitation(s string) string { return shortCitation(s, nil) }

// shortCitation is the short form of a full citation (the citation itself
// when it does not read as one). With fits, it is cut to what fits says
// fits on one line when at least minTitleWords of the title stay: a list
// of one-line entries is half the height of one of wrapped entries.
// Otherwise the title is kept to its main part and at most longTitle
// characters.
func shortCitation(s string, fits func(string) bool) string {
	s = strings.TrimSpace(s)
	full := strings.TrimSuffix(s, ".")
	authors, rest, ok := splitAuthors(full)
	if !ok {
		return s
	}
	var title, date, publisher string
	if m := citeArticle.FindStringSubmatch(rest); m != nil {
		title, date = m[1], m[4]
		if m[2] == "?" {
			title += "?"
		}
	} else if m := citeBook.FindStringSubmatch(rest); m != nil {
		title, date, publisher = m[1], strings.TrimSpace(m[4]), strings.TrimSpace(m[3])
	} else {
		return s
	}
	who, org := firstAuthor(authors)
	if who == "" || strings.TrimSpace(title) == "" {
		return s
	}
	// An organisation that publishes its own guidance names itself
	// shorter as the publisher ("National Institute for Health and Care
	// Excellence … London: NICE"): that is the name its readers know and
	// search by, and the long one took a second line in the list.
	if org && abbreviates(publisher, who) {
		who = publisher
	}
	entry := func(title string) string {
		if !strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "…") {
			title += "."
		}
		return who + ", " + date + ". " + title
	}
	if fits != nil {
		title = strings.TrimSpace(title)
		for _, t := range []string{title, mainTitle(title)} {
			if e := entry(t); fits(e) {
				return e
			}
		}
		words := strings.Fields(mainTitle(title))
		for n := len(words) - 1; n >= minTitleWords; n-- {
			if e := entry(strings.TrimRight(strings.Join(words[:n], " "), ",;:") + "…"); fits(e) {
				return e
			}
		}
	}
	return entry(trimTitle(title))
}

// abbreviates reports whether short is a shorter name of the organisation
// long: its initials in order ("NICE" of "National Institute for Health
// and Care Excellence", "CUH" of "Cambridge University Hospitals NHS
// Foundation Trust") or its first words ("Guy's and St Thomas'"). Any
// other publisher ("NHS 24" for "NHS inform") is another body, not a
// shorter name.
func abbreviates(short, long string) bool {
	if short == "" || len(short) >= len(long) {
		return false
	}
	if strings.HasPrefix(long, short+" ") {
		return true
	}
	if n := utf8.RuneCountInString(short); n < 2 || n > 6 {
		return false
	}
	var caps []rune
	for _, w := range strings.Fields(long) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps = append(caps, r)
		}
	}
	i := 0
	for _, r := range short {
		if !unicode.IsUpper(r) {
			return false
		}
		for i < len(caps) && caps[i] != r {
			i++
		}
		if i == len(caps) {
			return false
		}
		i++
	}
	return true
}

// splitAuthors cuts a citation after its authors: at the first ". " not
// in brackets ("OpenStax (Betts JG, et al.). Anatomy …"), which ends the
// list of names ("Thompson R. Real-time …") or an organisation ("NHS
// inform. Exercises …"). The names may hold letters of any script,
// spaces, commas, hyphens, apostrophes, brackets, the "et al." in
// brackets and the numbers of "3rd"; anything else means it is not a list
// of authors.
func splitAuthors(s string) (authors, rest string, ok bool) {
	i, depth := -1, 0
	for j, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case r == '.' && depth == 0 && strings.HasPrefix(s[j:], ". "):
			i = j
		}
		if i >= 0 {
			break
		}
	}
	if i <= 0 {
		return "", "", false
	}
	authors, rest = s[:i], s[i+2:]
	for _, r := range authors {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" ,.-'’()&", r) {
			return "", "", false
		}
	}
	return authors, rest, rest != ""
}

// firstAuthor names the authors as a short citation does: "Kawchuk et
// al.", "Castellanos & Axelrod", "McGill", or an organisation as written
// ("NHS inform", "Cambridge University Hospitals NHS Foundation Trust"),
// and says whether it is an organisation.
func firstAuthor(authors string) (who string, org bool) {
	if m := citeOrgWithAuthors.FindStringSubmatch(authors); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	var names []string
	etAl := false
	for _, a := range strings.Split(authors, ",") {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
		case a == "et al":
			etAl = true
		default:
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	first, ok := surname(names[0])
	if !ok || (len(names) == 1 && !etAl && strings.Contains(first, " ")) {
		// An organisation ("Arthritis Research UK" reads like a name
		// with initials, but one author has one surname): as written,
		// without the department after its comma.
		return names[0], true
	}
	switch {
	case etAl || len(names) > 2:
		return first + " et al.", false
	case len(names) == 2:
		if second, ok := surname(names[1]); ok {
			return first + " & " + second, false
		}
		return first + " et al.", false
	}
	return first, false
}

// surname is the surname of "Chandran Suja V" or "Cunningham PY 3rd":
// the words before the initials (one to three capitals).
func surname(name string) (string, bool) {
	f := strings.Fields(name)
	if n := len(f); n >= 3 && nameSuffix.MatchString(f[n-1]) {
		f = f[:n-1]
	}
	n := len(f)
	if n < 2 || !initials(f[n-1]) {
		return "", false
	}
	return strings.Join(f[:n-1], " "), true
}

// nameSuffix is "3rd" or "Jr" after a name's initials.
var nameSuffix = regexp.MustCompile(`^(?:\d+(?:st|nd|rd|th)|Jr|Sr)$`)

func initials(s string) bool {
	if c := utf8.RuneCountInString(s); c == 0 || c > 3 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// trimTitle shortens a long title to its main part (mainTitle) and
// failing that at a word, with an ellipsis.
func trimTitle(t string) string {
	t = strings.TrimSpace(t)
	if utf8.RuneCountInString(t) <= shortTitle {
		return t
	}
	if t = mainTitle(t); utf8.RuneCountInString(t) <= longTitle {
		return t
	}
	cut, n := 0, 0
	for i, r := range t {
		if n >= longTitle {
			break
		}
		if r == ' ' {
			cut = i
		}
		n++
	}
	return strings.TrimRight(t[:cut], " ,;:") + "…"
}

// mainTitle is a title without its subtitle, the part after a colon or
// after a sentence that ends ("Determining cavitation location during
// lumbar and thoracic spinal manipulation"), when at least three words
// remain; a question keeps its mark.
func mainTitle(t string) string {
	i := strings.IndexAny(t, ":.?")
	if i <= 0 || i+1 >= len(t) || t[i+1] != ' ' || len(strings.Fields(t[:i])) < 3 {
		return t
	}
	if t[i] == '?' {
		i++
	}
	return t[:i]
}
