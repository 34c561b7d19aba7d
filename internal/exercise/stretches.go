package exercise

// StretchIDs maps the home-care stretch IDs that handouts made before the
// exercise library hold (content.Stretch IDs, slugs of the stretch names
// in topic:safe-stretches-at-home) to the exercise each became, so stored
// handouts can be moved over.
var StretchIDs = map[string]string{
	"cat-cow":                           "exercise:cat-camel",
	"knee-to-chest":                     "exercise:knee-to-chest",
	"gentle-seated-rotation":            "exercise:seated-rotation",
	"childs-pose":                       "exercise:childs-pose",
	"bridges":                           "exercise:bridge",
	"chin-tuck":                         "exercise:chin-tuck",
	"gentle-neck-turn":                  "exercise:neck-rotation",
	"neck-side-bend":                    "exercise:neck-side-bend",
	"shoulder-blade-squeeze":            "exercise:shoulder-blade-squeeze",
	"upper-back-extension-over-a-chair": "exercise:thoracic-extension-chair",
}
