package content

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"chairside/internal/anatomy"
	"chairside/internal/words"
)

// Hit is one search result.
type Hit struct {
	ID, Title string
	Kind      string // structure, topic or condition
	Score     float64
}

// How much a word counts where it is found. A title match outranks
// synonyms, which outrank the body; body matches count up to bodyCap times
// so that a long article does not bury the short text that is about it.
const (
	weightTitle   = 10
	weightID      = 8
	weightKeyword = 6
	weightBody    = 1
	bodyCap       = 4
	prefixFactor  = 0.6 // "crack" finding "cracking" counts a little less than "crack"
	typoFactor    = 0.4 // "siatica" finding "sciatica"
	phraseTitle   = 15  // all the words, in order, in the title
	phraseBody    = 6   // … in the body or the synonyms
	// A structure that a matching condition involves gains this share of
	// the condition's score, so that "sciatica" lists the roots and discs
	// that sciatica is about (L4, L5, S1) before a root whose text merely
	// mentions the word (L1). The lift never takes a structure above the
	// condition that lifted it: it orders the condition's structures, it
	// does not bury the articles that match better.
	involvedShare = 0.25
)

type posting struct {
	doc int32
	w   float32
}

type indexedDoc struct {
	id, title, kind string
	rank            int    // kind, then library order, for stable ties
	normTitle       string // " word word " for phrase matching
	normBody        string
	involves        []int32 // a condition's structures, as document numbers
}

// searchIndex is an inverted index over titles, IDs, synonyms and bodies,
// with its terms sorted so that a prefix ("scia") finds its words by
// binary search as the clinician types.
type searchIndex struct {
	terms    []string
	postings [][]posting
	docs     []indexedDoc
}

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"in": true, "on": true, "my": true, "is": true, "to": true, "it": true, "at": true, "for": true, "with": true}

// stopWordsES are the small Spanish words dropped from a query in a Spanish
// library ("dolor en la espalda" is "dolor espalda"). Accents are folded
// before the lookup, as in the index.
var stopWordsES = map[string]bool{"a": true, "al": true, "de": true, "del": true, "el": true, "la": true, "las": true,
	"los": true, "lo": true, "en": true, "y": true, "o": true, "mi": true, "mis": true, "un": true, "una": true,
	"con": true, "por": true, "que": true, "se": true, "me": true}

// eachToken calls fn with each word of s, folded (see Fold): runs of
// letters and digits ("L4–L5" gives "l4" and "l5"). The slice passed to fn is
// reused; buf is scratch space, returned for the next call.
func eachToken(s string, buf []byte, fn func(tok []byte)) []byte {
	buf = buf[:0]
	flush := func() {
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // the fast path: almost every byte is ASCII
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			default:
				flush()
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = words.AppendFolded(buf, r)
		} else {
			flush()
		}
		i += n
	}
	flush()
	return buf
}

func tokens(s string) []string {
	var out []string
	eachToken(s, nil, func(tok []byte) { out = append(out, string(tok)) })
	return out
}

// norm is s as " word word … ", for phrase matching.
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	eachToken(s, nil, func(tok []byte) {
		b.WriteByte(' ')
		b.Write(tok)
	})
	b.WriteByte(' ')
	return b.String()
}

func buildIndex(l *Library) *searchIndex {
	ix := &searchIndex{}
	// Words are numbered as they are first seen, so that each is allocated
	// once however many texts use it.
	termID := map[string]int32{}
	var terms []string
	var postings [][]posting
	idOf := func(tok []byte) int32 {
		if id, ok := termID[string(tok)]; ok { // no allocation for a known word
			return id
		}
		id := int32(len(terms))
		term := string(tok)
		termID[term] = id
		terms = append(terms, term)
		postings = append(postings, nil)
		return id
	}
	kindRank := map[string]int{KindCondition: 0, KindTopic: 1, KindStructure: 2}
	doc := map[int32]float32{} // this text's weight per word, reused
	var buf []byte
	var normBody strings.Builder
	for i, id := range l.IDs() {
		t := l.texts[id]
		kind := KindOf(id)
		d := int32(i)
		kw := strings.Join(l.keywords[id], " , ")
		clear(doc)
		normBody.Reset()
		// Markdown marks (#, **, -) are not letters, so the raw body tokenizes
		// the same as its plain text.
		buf = eachToken(t.Body+" , "+kw, buf, func(tok []byte) {
			normBody.WriteByte(' ')
			normBody.Write(tok)
			tid := idOf(tok)
			doc[tid] = min(doc[tid]+weightBody, weightBody*bodyCap)
		})
		normBody.WriteByte(' ')
		ix.docs = append(ix.docs, indexedDoc{id: id, title: t.Title, kind: kind,
			rank: kindRank[kind]*100000 + i, normTitle: norm(t.Title), normBody: normBody.String()})
		// Title, ID and synonyms: the strongest of the three counts, on top of the body.
		strong := map[int32]float32{}
		for _, f := range []struct {
			text string
			w    float32
		}{{kw, weightKeyword}, {id, weightID}, {t.Title, weightTitle}} {
			buf = eachToken(f.text, buf, func(tok []byte) {
				tid := idOf(tok)
				strong[tid] = max(strong[tid], f.w)
			})
		}
		for tid, w := range strong {
			doc[tid] += w
		}
		for tid, w := range doc {
			postings[tid] = append(postings[tid], posting{d, w})
		}
	}
	// A condition's structures are documents too: number them once.
	docOf := make(map[string]int32, len(ix.docs))
	for d, doc := range ix.docs {
		docOf[doc.id] = int32(d)
	}
	for d := range ix.docs {
		if ix.docs[d].kind != KindCondition {
			continue
		}
		for _, sid := range l.texts[ix.docs[d].id].Structures {
			if sd, ok := docOf[sid]; ok {
				ix.docs[d].involves = append(ix.docs[d].involves, sd)
			}
		}
	}
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool { return terms[order[a]] < terms[order[b]] })
	ix.terms = make([]string, len(terms))
	ix.postings = make([][]posting, len(terms))
	for i, tid := range order {
		ix.terms[i] = terms[tid]
		ix.postings[i] = postings[tid] // already in text order
	}
	return ix
}

// near returns the terms one typing slip away from w (two for long
// words): a letter left out, added, changed or two letters swapped. Words
// under five letters are too short to guess at.
func (ix *searchIndex) near(w string) []int {
	if len(w) < 5 {
		return nil
	}
	maxD := 1
	if len(w) >= 8 {
		maxD = 2
	}
	var out []int
	for i, t := range ix.terms {
		if len(t) < len(w)-maxD || len(t) > len(w)+maxD {
			continue
		}
		// A typed word usually keeps its first letter, which keeps this fast.
		if t[0] != w[0] && !(len(t) > 1 && t[1] == w[0]) {
			continue
		}
		if anatomy.EditDistance(w, t) <= maxD {
			out = append(out, i)
		}
	}
	return out
}

// Search finds structures, topics and conditions matching every word of q,
// best first. Each word may be the start of a longer word ("scia" finds
// sciatica), so results follow the clinician's typing. limit ≤ 0 means no limit.
func (l *Library) Search(q string, limit int) []Hit {
	l.indexOnce.Do(func() { l.index = buildIndex(l) })
	ix := l.index
	all := tokens(q)
	var words []string
	for _, w := range all {
		if !stopWords[w] && !(l.lang == "es" && stopWordsES[w]) {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		words = all
	}
	if len(words) == 0 {
		return nil
	}
	var total map[int32]float64
	for _, w := range words {
		best := map[int32]float64{}
		add := func(i int, f float64) {
			for _, p := range ix.postings[i] {
				if s := float64(p.w) * f; s > best[p.doc] {
					best[p.doc] = s
				}
			}
		}
		for i := sort.SearchStrings(ix.terms, w); i < len(ix.terms) && strings.HasPrefix(ix.terms[i], w); i++ {
			f := 1.0
			if ix.terms[i] != w {
				f = prefixFactor
			}
			add(i, f)
		}
		if len(best) == 0 {
			// No word starts like this one: forgive a slip of the finger
			// ("siatica", "vertebre") in a word long enough to be sure of.
			for _, i := range ix.near(w) {
				add(i, typoFactor)
			}
		}
		if total == nil {
			total = best
			continue
		}
		for d := range total {
			if s, ok := best[d]; ok {
				total[d] += s
			} else {
				delete(total, d)
			}
		}
		if len(total) == 0 {
			return nil
		}
	}
	// The words in order, as typed ("pins and needles") or without the
	// small words ("pain neck" for "pain in my neck").
	phrases := []string{" " + strings.Join(words, " "), " " + strings.Join(all, " ")}
	inOrder := func(text string) bool {
		return strings.Contains(text, phrases[0]) || strings.Contains(text, phrases[1])
	}
	for d, s := range total {
		doc := ix.docs[d]
		if len(all) > 1 {
			if inOrder(doc.normTitle) {
				s += phraseTitle
			} else if inOrder(doc.normBody) {
				s += phraseBody
			}
		}
		total[d] = s
	}
	// Lift the structures of the conditions found, each by its best condition.
	lift := map[int32]float64{}
	for d, s := range total {
		for _, sd := range ix.docs[d].involves {
			if _, found := total[sd]; found {
				own := total[sd]
				lift[sd] = max(lift[sd], min(s*involvedShare, s-own))
			}
		}
	}
	hits := make([]Hit, 0, len(total))
	ranks := make(map[string]int, len(total))
	for d, s := range total {
		doc := ix.docs[d]
		hits = append(hits, Hit{ID: doc.id, Title: doc.title, Kind: doc.kind, Score: s + lift[d]})
		ranks[doc.id] = doc.rank
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return ranks[hits[i].ID] < ranks[hits[j].ID]
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}
