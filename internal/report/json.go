package report

import (
	"encoding/json"
	"io"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// jsonReport is the document the json format writes, indented with two spaces:
//
//	{
//	  "version": "1.2.0",          // Options.ToolVersion
//	  "files": 4,                  // number of files linted
//	  "findings": [ ... ],         // every finding, suppressed ones included (with "suppression"),
//	                               // in the finding.Finding JSON shape; never null
//	  "summary": {"error": 2, "warning": 1, "note": 0, "suppressed": 1}
//	}
//
// The summary counts unsuppressed findings by level; suppressed findings are counted apart.
// Fields are only ever added, never renamed or removed.
type jsonReport struct {
	Version  string            `json:"version"`
	Files    int               `json:"files"`
	Findings []finding.Finding `json:"findings"`
	Summary  summary           `json:"summary"`
}

func writeJSON(w io.Writer, r Report, opt Options) error {
	doc := jsonReport{
		Version:  opt.ToolVersion,
		Files:    r.Files,
		Findings: r.Findings,
		Summary:  summarize(r.Findings),
	}
	if doc.Findings == nil {
		doc.Findings = []finding.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
