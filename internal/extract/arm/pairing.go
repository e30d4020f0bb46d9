package arm

import (
	"path/filepath"
	"strings"
)

// Parameter files pair with templates by name: X.json is deployed with
// X.parameters.json or X.<variant>.parameters.json beside it. A parameter
// file belongs to the template with the longest such name, so that
// a.b.parameters.json is a.b.json's when both a.json and a.b.json exist.

const paramSuffix = ".parameters.json"

// IsParameterFileName reports whether a file is named like a parameter file.
func IsParameterFileName(path string) bool {
	return strings.HasSuffix(strings.ToLower(filepath.Base(path)), paramSuffix)
}

// TemplateName is the template of a parameter file name among the names present
// says exist (templateName): the naming rule internal/extract's planner pairs by
// (internal/extract/pairing.go, which lists the directories).
func TemplateName(param string, present func(string) bool) (string, bool) {
	return templateName(param, present)
}

// templateName finds the template of a parameter file name among the
// names present says exist: the longest X.json with the file named
// X.parameters.json or X.<variant>.parameters.json.
func templateName(param string, present func(string) bool) (string, bool) {
	if !IsParameterFileName(param) {
		return "", false
	}
	stem := param[:len(param)-len(paramSuffix)]
	first := stem + ".json"
	for s := stem; ; {
		if present(s + ".json") {
			return s + ".json", true
		}
		i := strings.LastIndexByte(s, '.')
		if i <= 0 {
			return first, false
		}
		s = s[:i]
	}
}
