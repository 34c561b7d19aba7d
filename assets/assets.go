// Package assets holds the files embedded in the Chairside binary: the
// content library texts and the fonts used for printed handouts.
package assets

import "embed"

// Content is the explanation library: content/<lang>/... Markdown files.
//
//go:embed all:content
var Content embed.FS

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
