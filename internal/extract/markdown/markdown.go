// Package markdown reads the shell code of Markdown documents (runbooks, docs), so the
// script extractor can lint the commands they show.
package markdown

import (
	"bytes"
	"strings"
)

// shellLanguages are the info strings of the fenced blocks read as script.
var shellLanguages = map[string]bool{
	"azurecli": true, "azurecli-interactive": true, "bash": true, "sh": true, "shell": true,
}

// Script concatenates the fenced azurecli, azurecli-interactive, bash, sh, shell blocks of
// a Markdown file in order into one script, returning it and a mapping from script line
// to Markdown line so locations stay true: lineMap[i] is the 1-based Markdown line of
// script line i+1. Block lines are copied verbatim, so columns are unchanged. Each block
// is followed by an empty line (mapped to its closing fence), so a command cannot run on
// from one block into the next.
func Script(src []byte) (script []byte, lineMap []int) {
	var out bytes.Buffer
	var fence fenceInfo
	in, keep := false, false
	line := 0
	for rest := src; len(rest) > 0; {
		var l []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, nil
		}
		line++
		text := strings.TrimSuffix(string(l), "\r")
		if !in {
			if f, ok := openFence(text); ok {
				fence, in = f, true
				keep = shellLanguages[f.lang]
			}
			continue
		}
		if closesFence(text, fence) {
			in = false
			if keep {
				out.WriteByte('\n')
				lineMap = append(lineMap, line)
			}
			continue
		}
		if keep {
			out.WriteString(text)
			out.WriteByte('\n')
			lineMap = append(lineMap, line)
		}
	}
	return out.Bytes(), lineMap
}

type fenceInfo struct {
	char byte
	n    int
	lang string
}

// openFence recognises an opening code fence (``` or ~~~, three or more) and its language.
func openFence(line string) (fenceInfo, bool) {
	t := strings.TrimLeft(line, " \t")
	if len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return fenceInfo{}, false
	}
	c := t[0]
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	if n < 3 {
		return fenceInfo{}, false
	}
	info := strings.TrimSpace(t[n:])
	if c == '`' && strings.Contains(info, "`") {
		return fenceInfo{}, false
	}
	lang := info
	if i := strings.IndexAny(lang, " \t{,"); i >= 0 {
		lang = lang[:i]
	}
	return fenceInfo{char: c, n: n, lang: strings.ToLower(lang)}, true
}

// closesFence reports whether line closes the fence f.
func closesFence(line string, f fenceInfo) bool {
	t := strings.TrimLeft(line, " \t")
	n := 0
	for n < len(t) && t[n] == f.char {
		n++
	}
	return n >= f.n && strings.TrimSpace(t[n:]) == ""
}
