package i18n

import "testing"

// The cord, the cauda equina and the joints of the upper neck and pelvis
// (issue 13) have Spanish names of their own, not the English ones.
func TestCordAndJointNamesInSpanish(t *testing.T) {
	es := For("es")
	for id, want := range map[string]string{
		"cord:spinal":       "médula espinal",
		"cord:cauda-equina": "cola de caballo (raíces bajo la médula)",
		"sacroiliac:left":   "articulación sacroilíaca izquierda",
		"joint:C0-C1:right": "articulación C0–C1 derecha (cráneo y atlas)",
		"joint:C1-C2:left":  "articulación C1–C2 izquierda (atlas y axis)",
		"sacroiliac:right":  "articulación sacroilíaca derecha",
		"joint:C1-C2:right": "articulación C1–C2 derecha (atlas y axis)",
		"joint:C0-C1:left":  "articulación C0–C1 izquierda (cráneo y atlas)",
	} {
		if got := es.StructureName(id); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
}
