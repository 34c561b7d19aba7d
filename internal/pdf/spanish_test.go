package pdf

import (
	"fmt"
	"strings"
	"testing"

	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// spanishHandout is the sample handout as a Spanish-speaking patient takes
// it home: its language is "es" and its texts are Spanish snapshots.
func spanishHandout() handout.Handout {
	h := sampleHandout()
	h.Lang = "es"
	h.Title = ""
	h.Items = h.Items[:2]
	h.Items[0].Title = "El disco L4–L5"
	h.Items[0].Body = "Un **disco** es una almohadilla firme y elástica entre dos vértebras."
	h.Items[1].Title = "La raíz nerviosa L5 izquierda"
	h.Items[1].Body = "La raíz nerviosa L5 sale de la columna por un agujero llamado **foramen**."
	h.HomeCare.Stretches = h.HomeCare.Stretches[:1]
	h.HomeCare.Stretches[0].Name = "Rodilla al pecho"
	h.HomeCare.Stretches[0].Steps = []string{"Acuéstese boca arriba con las rodillas dobladas.", "Lleve una rodilla al pecho."}
	h.HomeCare.Stretches[0].Cautions = "Pare si siente dolor que baja por la pierna."
	h.HomeCare.Instructions = "Haga estos estiramientos dos veces al día."
	h.ClinicianNotes = "Camine todos los días."
	h.Marks[0].Note = "se ve en la resonancia de octubre"
	h.Marks[1].Note = "hormigueo hasta el dedo gordo izquierdo"
	h.SeekCare = nil // the built-in list, in Spanish
	return h
}

// A handout in Spanish prints every fixed word in Spanish: the headings,
// the red-flag box, the footer "Página 1 de 3", the findings legend, the
// stretch words and the dates ("24 de noviembre de 2026").
func TestSpanishHandout(t *testing.T) {
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		t.Run(string(paper), func(t *testing.T) {
			c := sampleClinic(t)
			c.Paper = paper
			_, pages := render(t, spanishHandout(), samplePatient(), c)
			// Lines joined where the page wraps them.
			text := strings.Join(strings.Fields(allText(pages)), " ") + " " + runText(pages)
			for i, p := range pages {
				if want := fmt.Sprintf("Página %d de %d", i+1, len(pages)); !strings.Contains(p.text(), want) {
					t.Errorf("page %d lacks %q", i+1, want)
				}
				if !strings.Contains(p.text(), "Esta hoja es para aprender. No es un diagnóstico.") {
					t.Errorf("page %d lacks the Spanish footer line", i+1)
				}
			}
			for _, w := range []string{
				"Su columna: lo que hablamos",
				"Visita: 24 de noviembre de 2026",
				"Fecha de nacimiento: 8 de marzo de 1979",
				"Profesional: Dr. Zoë Łukasiewicz, DC",
				"Su columna", "Sombreado: las partes de las que hablamos.", "Con número: las zonas que marcamos.",
				"Vista de lado (izquierdo)", "Vista desde atrás",
				"Disco abultado – disco L4–L5",
				"Irritación – raíz nerviosa L5 izquierda",
				"Rigidez – articulación facetaria L4–L5 derecha",
				"Lo que encontramos", "Qué hacer", "Más sobre",
				"Sus ejercicios en casa",
				"Ejercicio 1: Rodilla al pecho",
				"Cuidado con estos ejercicios", "1. Pare si siente dolor", "Cuidado: puntos 1",
				"Deje cualquier ejercicio",
				"Fuentes 1, 2", "Fuente 3", "Fuentes 1. Brinjikji et al., 2015.",
				"Cuándo buscar ayuda de inmediato",
				"Llame ahora al número de emergencias:",
				"Dígaselo a su profesional en la próxima visita:",
			} {
				if !strings.Contains(text, w) {
					t.Errorf("the Spanish handout lacks %q", w)
				}
			}
			// No fixed English word is left: every English message of the
			// handout, the findings and the months is absent (its words
			// before any field; words this short also occur in the English
			// sources, such as Gray's chapter 'Back').
			en := i18n.For("en")
			for _, id := range i18n.Keys("en") {
				if strings.HasPrefix(id, "exercises.") {
					continue // the editor's words ("Low back"), which an English source may hold
				}
				word, _, _ := strings.Cut(en.T(id), "{{")
				if word = strings.TrimSpace(word); len(word) < 5 {
					continue
				}
				if strings.Contains(text, word) {
					t.Errorf("the Spanish handout prints the English %q (%s)", word, id)
				}
			}
		})
	}
}

// A handout in a language without words of its own (a future third one)
// still prints, in English words, rather than failing.
func TestHandoutInALanguageWithoutWords(t *testing.T) {
	h := sampleHandout()
	h.Lang = "fr"
	_, pages := render(t, h, samplePatient(), handout.Clinic{})
	checkPages(t, pages, handout.Letter)
	if text := allText(pages); !strings.Contains(text, "Visit: November 24, 2026") || !strings.Contains(text, seekCareHeading) {
		t.Error("the handout in French did not print with the English words")
	}
}
