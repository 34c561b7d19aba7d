// Package assets holds the files embedded in the Chairside binary: the
// content library texts, the catalogues of the app's own words and the
// fonts used for printed handouts.
package assets

import "embed"

// Content is the explanation library: content/<lang>/... Markdown files.
//
//go:embed all:content
var Content embed.FS

// I18n holds the catalogues of the app's own words, one file per language
// (i18n/en.json, i18n/es.json) in go-i18n's JSON format: read by
// internal/i18n for the printed handout, and in the form Fyne's
// lang.AddTranslationsFS loads for the window.
//
//go:embed i18n/*.json
var I18n embed.FS

// Fonts are the DejaVu Sans faces embedded in printed handouts, so that any
// patient name (José Núñez, Nguyễn Văn An) prints correctly.
//
//go:embed fonts/*.ttf
var Fonts embed.FS

// Icon is the app icon, a drawing of the spine made by diagram.Icon
// (regenerate with go test ./internal/diagram -run Icon -update).
//
//go:embed icon.png
var Icon []byte
