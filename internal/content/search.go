package content

import (
	"sort"
	"strings"
	"unicode"
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
	phraseTitle   = 15  // all the words, in order, in the title
	phraseBody    = 6   // … in the body or the synonyms
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

func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func norm(s string) string { return " " + strings.Join(tokens(s), " ") + " " }

func buildIndex(l *Library) *searchIndex {
	ix := &searchIndex{}
	weights := map[string]map[int32]float32{}
	addBody := func(term string, doc int32) {
		m := weights[term]
		if m == nil {
			m = map[int32]float32{}
			weights[term] = m
		}
		m[doc] = min(m[doc]+weightBody, weightBody*bodyCap)
	}
	kindRank := map[string]int{KindCondition: 0, KindTopic: 1, KindStructure: 2}
	for i, id := range l.IDs() {
		t := l.texts[id]
		kind := KindOf(id)
		d := int32(i)
		body := PlainText(t.Body)
		kw := strings.Join(l.keywords[id], " , ")
		ix.docs = append(ix.docs, indexedDoc{id: id, title: t.Title, kind: kind,
			rank: kindRank[kind]*100000 + i, normTitle: norm(t.Title), normBody: norm(body + " , " + kw)})
		for _, tok := range tokens(body) {
			addBody(tok, d)
		}
		// Title, ID and synonyms: the strongest of the three counts, plus the body.
		strong := map[string]float32{}
		for _, tok := range tokens(kw) {
			strong[tok] = max(strong[tok], weightKeyword)
		}
		for _, tok := range tokens(id) {
			strong[tok] = max(strong[tok], weightID)
		}
		for _, tok := range tokens(t.Title) {
			strong[tok] = max(strong[tok], weightTitle)
		}
		for tok, w := range strong {
			m := weights[tok]
			if m == nil {
				m = map[int32]float32{}
				weights[tok] = m
			}
			m[d] += w
		}
	}
	for term := range weights {
		ix.terms = append(ix.terms, term)
	}
	sort.Strings(ix.terms)
	ix.postings = make([][]posting, len(ix.terms))
	for i, term := range ix.terms {
		for d, w := range weights[term] {
			ix.postings[i] = append(ix.postings[i], posting{d, w})
		}
		sort.Slice(ix.postings[i], func(a, b int) bool { return ix.postings[i][a].doc < ix.postings[i][b].doc })
	}
	return ix
}

// Search finds structures, topics and conditions matching every word of q,
// best first. Each word may be the start of a longer word ("scia" finds
// sciatica), so results follow the clinician's typing. limit ≤ 0 means no limit.
func (l *Library) Search(q string, limit int) []Hit {
	if l.index == nil {
		return nil
	}
	ix := l.index
	var words []string
	for _, w := range tokens(q) {
		if !stopWords[w] {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		words = tokens(q)
	}
	if len(words) == 0 {
		return nil
	}
	var total map[int32]float64
	for _, w := range words {
		best := map[int32]float64{}
		for i := sort.SearchStrings(ix.terms, w); i < len(ix.terms) && strings.HasPrefix(ix.terms[i], w); i++ {
			f := 1.0
			if ix.terms[i] != w {
				f = prefixFactor
			}
			for _, p := range ix.postings[i] {
				if s := float64(p.w) * f; s > best[p.doc] {
					best[p.doc] = s
				}
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
	phrase := " " + strings.Join(words, " ")
	hits := make([]Hit, 0, len(total))
	ranks := make(map[string]int, len(total))
	for d, s := range total {
		doc := ix.docs[d]
		if len(words) > 1 {
			if strings.Contains(doc.normTitle, phrase) {
				s += phraseTitle
			} else if strings.Contains(doc.normBody, phrase) {
				s += phraseBody
			}
		}
		hits = append(hits, Hit{ID: doc.id, Title: doc.title, Kind: doc.kind, Score: s})
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
