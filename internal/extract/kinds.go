package extract

import (
	"path/filepath"
	"strings"
)

// inputKind is one kind of input file: the file name extensions a directory walk
// picks up for it, and how a file of it is read. Discover and FileWith both read the
// table, so adding an input kind is one row here and its extractor (CONTRIBUTING.md).
type inputKind struct {
	name string
	// exts are the lower-case extensions, dot included.
	exts []string
	// read extracts the documents of a file of this kind.
	read func(c Candidate, data []byte, opt Options) ([]Result, error)
}

// Names of the input kinds of the table.
const (
	kindBicep      = "bicep"
	kindBicepParam = "bicepparam"
	kindRunbook    = "runbook"
	kindScript     = "script"
	kindJSON       = "json"
)

// inputKinds returns the table of input kinds. An extensionless file that starts with
// a shell shebang is a script too (hasShellShebang, isShellShebang).
func inputKinds() []inputKind {
	return []inputKind{
		{name: kindBicep, exts: []string{".bicep"}, read: readBicep},
		{name: kindBicepParam, exts: []string{".bicepparam"}, read: readBicepParam},
		{name: kindRunbook, exts: []string{".md", ".markdown"}, read: readRunbook},
		{name: kindScript, exts: []string{".sh", ".bash", ".zsh", ".ksh", ".azcli"}, read: readScript},
		{name: kindJSON, exts: []string{".json", ".jsonc"}, read: readJSON},
	}
}

// byExt maps each extension of the table to its kind.
var byExt = func() map[string]inputKind {
	m := map[string]inputKind{}
	for _, k := range inputKinds() {
		for _, e := range k.exts {
			m[e] = k
		}
	}
	return m
}()

// kindOf returns the kind of a file by its name's extension, if the table has it.
func kindOf(path string) (inputKind, bool) {
	k, ok := byExt[strings.ToLower(filepath.Ext(path))]
	return k, ok
}

// isKind reports whether path's extension is one of kind name's.
func isKind(path, name string) bool {
	k, ok := kindOf(path)
	return ok && k.name == name
}

func isJSONName(p string) bool { return isKind(p, kindJSON) }

// KindOf names the input kind of path by its extension (bicep, bicepparam, runbook,
// script, json), or "" when the table has none.
func KindOf(path string) string {
	k, _ := kindOf(path)
	return k.name
}
