// Package dates is a stage of the analysis pipeline (see package pipeline).
package dates

import "github.com/verbatim-news/verbatim"

// Stage is this package's pipeline stage.
var Stage = verbatim.StageFunc{N: "dates", F: Process}

// Process adds this stage's layer to the document.
func Process(d *verbatim.Doc) {}
