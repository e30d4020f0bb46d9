package extract

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/azcli"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Class is what a file is, decided by content.
type Class int

// Classes of input.
const (
	ClassOther Class = iota
	ClassTemplate
	ClassParameters
	ClassScript
)

// Result is one network document and its location table.
type Result struct {
	Doc  *netdoc.Document
	Locs netdoc.Locations
}

// File extracts the network documents of one file. Files that are not inputs
// (parameter files, unrelated JSON) give nothing; when explicit, an unrelated file is an
// error. Errors are *netdoc.SourceError where a position is known.
func File(c Candidate, data []byte) ([]Result, error) {
	switch {
	case isMarkdownName(c.Path):
		if !c.Explicit && !mentionsAz(data) {
			return nil, nil
		}
		doc, locs, err := azcli.ExtractMarkdown(c.Path, data)
		return single(doc, locs, err)
	case isScriptName(c.Path) || (!isJSONName(c.Path) && isShellShebang(data)):
		if !c.Explicit && !mentionsAz(data) {
			return nil, nil // a shell script that creates no network is not ours to judge
		}
		doc, locs, err := azcli.Extract(c.Path, data)
		return single(doc, locs, err)
	}
	src, root, err := jsonsrc.Parse(c.Path, data)
	if err != nil {
		return nil, err
	}
	switch classifyJSON(root) {
	case ClassTemplate:
		if !root.Get("resources").Exists() {
			return nil, &netdoc.SourceError{Location: src.At(0, 0), Msg: "deployment template without resources"}
		}
		doc, locs := arm.Extract(src, root)
		return []Result{{Doc: doc, Locs: locs}}, nil
	case ClassParameters:
		return nil, nil // parameter files are read with their template, never linted alone
	default:
	}
	if !c.Explicit {
		return nil, nil
	}
	if err := jsonsrc.TopLevelError(src, root); err != nil {
		return nil, err
	}
	return nil, &netdoc.SourceError{Location: src.At(0, 0), Msg: "not an ARM template or parameter file: no deployment $schema and no resources"}
}

// classifyJSON tells templates from parameter files by $schema, falling back on shape.
func classifyJSON(root gjson.Result) Class {
	if !root.IsObject() {
		return ClassOther
	}
	schema := strings.ToLower(root.Get(`\$schema`).String())
	switch {
	case strings.Contains(schema, "deploymentparameters"):
		return ClassParameters
	case strings.Contains(schema, "deploymenttemplate"), root.Get("resources").Exists():
		return ClassTemplate
	}
	return ClassOther
}

func single(doc *netdoc.Document, locs netdoc.Locations, err error) ([]Result, error) {
	if err != nil {
		return nil, err
	}
	return []Result{{Doc: doc, Locs: locs}}, nil
}

// mentionsAz reports whether a file found by a walk calls the commands we read.
func mentionsAz(data []byte) bool {
	return bytes.Contains(data, []byte("az aks")) || bytes.Contains(data, []byte("az network"))
}

func isMarkdownName(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".md" || ext == ".markdown"
}

func isJSONName(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".json" || ext == ".jsonc"
}

func isScriptName(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".sh", ".bash", ".azcli":
		return true
	}
	return false
}
