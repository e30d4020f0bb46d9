package extract

import (
	"regexp"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// templateSchema and resourcesKey are the signs that a JSON file is meant as a
// deployment template or parameter file, read in its text since it does not parse.
var (
	templateSchema = regexp.MustCompile(`(?i)"\$schema"\s*:\s*"[^"]*deployment(template|parameters)`)
	resourcesKey   = regexp.MustCompile(`(?i)"resources"\s*:`)
)

// BrokenNonTemplate reports a .json or .jsonc file that does not parse and shows no
// sign of being a template: no $schema naming a deployment template or parameters
// schema, no "resources" key. A hook that names every changed *.json file
// (--skip-non-templates) skips it with a note: a broken test fixture is not the
// linter's to block. A broken template is still reported.
func BrokenNonTemplate(path string, data []byte) (reason error, ok bool) {
	if !isJSONName(path) {
		return nil, false
	}
	_, _, err := jsonsrc.Parse(path, data)
	if err == nil || templateSchema.Match(data) || resourcesKey.Match(data) {
		return nil, false
	}
	return err, true
}
