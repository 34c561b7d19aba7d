package pdf

import "chairside/internal/i18n"

// The English words the tests look for on the page.
var (
	disclaimer      = i18n.For("en").T("handout.footer.disclaimer")
	seekCareHeading = i18n.For("en").T("handout.seekcare.heading")
)
