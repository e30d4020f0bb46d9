package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// The user docs whose examples are all run here. Each fenced block follows a marker,
// an HTML comment that Markdown does not show:
//
//	<!-- test: file PATH [invalid] --> the block is the content of PATH; a config file
//	                                 also loads (or, marked invalid, fails to); for a
//	                                 _test.rego file, the tests of its directory run
//	<!-- test: config -->           the block is a valid .aksnet-lint.yaml
//	<!-- test: tree DIR -->         the block lists the files under DIR, sorted
//	<!-- test: run [DIR] [cwd=SUB] [exit=N] --> a console session: "$ aksnet-lint ..."
//	                                 lines, each followed by its output (stdout, then
//	                                 stderr); run in a copy of DIR (default: an empty
//	                                 directory), in its subdirectory SUB if given, every
//	                                 command exiting N (default 0). A line "..." in the
//	                                 output stands for any number of lines.
//
// go test ./cmd/aksnet-lint -update rewrites the outputs (blocks without "...") and the
// file blocks from the files; review the diff.
var userDocs = []string{"docs/usage.md", "docs/configuration.md", "docs/policies.md", "docs/pre-commit.md", "docs/github-code-scanning.md", "docs/security.md"}

// untaggedAllowed are docs whose blocks need no marker: pre-commit.md also shows the
// hook configuration, which scripts/test-pre-commit.sh exercises; github-code-scanning.md
// shows workflows, which TestCodeScanningDocWorkflows (internal/report) parses and
// TestActionRuns runs the action of; security.md.
var untaggedAllowed = map[string]bool{"docs/pre-commit.md": true, "docs/github-code-scanning.md": true, "docs/security.md": true}

var (
	markerLine = regexp.MustCompile(`^\s*<!-- test: (.*?) -->\s*$`)
	fenceLine  = regexp.MustCompile("^(\\s*)(```+|~~~+)\\s*([\\w-]*)")
)

// docBlock is a fenced block and its marker.
type docBlock struct {
	doc    string
	line   int // of the opening fence
	marker []string
	body   string
	// start and end are the body's byte offsets in the doc; indent is the fence's.
	start, end int
	indent     string
}

func (b docBlock) String() string { return fmt.Sprintf("%s:%d", b.doc, b.line) }

// parseDoc returns the fenced blocks of a Markdown file with their markers (nil marker
// for an untagged block).
func parseDoc(t *testing.T, path string, data string) []docBlock {
	t.Helper()
	var blocks []docBlock
	var marker []string
	offset := 0
	lines := strings.SplitAfter(data, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		offset += len(line)
		if m := markerLine.FindStringSubmatch(line); m != nil {
			marker = strings.Fields(m[1])
			continue
		}
		m := fenceLine.FindStringSubmatch(line)
		if m == nil {
			if strings.TrimSpace(line) != "" {
				marker = nil // a marker applies to the block right after it
			}
			continue
		}
		b := docBlock{doc: path, line: i + 1, marker: marker, start: offset, indent: m[1]}
		marker = nil
		var body strings.Builder
		closed := false
		for i++; i < len(lines); i++ {
			l := lines[i]
			if strings.HasPrefix(strings.TrimLeft(l, " "), m[2]) && strings.TrimSpace(l) == m[2] {
				b.end = offset
				offset += len(l)
				closed = true
				break
			}
			offset += len(l)
			body.WriteString(strings.TrimPrefix(l, m[1]))
		}
		if !closed {
			t.Fatalf("%s: unclosed code block", b)
		}
		b.body = body.String()
		blocks = append(blocks, b)
	}
	return blocks
}

// TestDocs runs every example of the user docs.
func TestDocs(t *testing.T) {
	regoDirs := map[string]bool{}
	for _, doc := range userDocs {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		blocks := parseDoc(t, doc, string(data))
		var edits []docEdit
		for _, b := range blocks {
			if len(b.marker) == 0 {
				if !untaggedAllowed[doc] {
					t.Errorf("%s: code block without a <!-- test: ... --> marker: every example of %s is run by this test", b, doc)
				}
				continue
			}
			t.Run(fmt.Sprintf("%s:%d", filepath.Base(doc), b.line), func(t *testing.T) {
				switch b.marker[0] {
				case "file":
					edits = append(edits, checkFileBlock(t, b, regoDirs)...)
				case "config":
					checkConfigBlock(t, b)
				case "tree":
					checkTreeBlock(t, b)
				case "run":
					edits = append(edits, checkRunBlock(t, b)...)
				default:
					t.Errorf("%s: unknown marker %q", b, b.marker[0])
				}
			})
		}
		if *update && len(edits) > 0 {
			if err := os.WriteFile(doc, []byte(applyEdits(string(data), edits)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	dirs := slices.Sorted(func(yield func(string) bool) {
		for d := range regoDirs {
			if !yield(d) {
				return
			}
		}
	})
	for _, dir := range dirs {
		t.Run("rego "+dir, func(t *testing.T) { runRegoTests(t, dir) })
	}
}

// docEdit replaces doc[start:end] with text (under -update).
type docEdit struct {
	start, end int
	text       string
}

func applyEdits(doc string, edits []docEdit) string {
	slices.SortFunc(edits, func(a, b docEdit) int { return b.start - a.start })
	for _, e := range edits {
		doc = doc[:e.start] + e.text + doc[e.end:]
	}
	return doc
}

// reindent puts a block's body back at its fence's indentation.
func (b docBlock) reindent(body string) string {
	if b.indent == "" {
		return body
	}
	var out strings.Builder
	for line := range strings.Lines(body) {
		if strings.TrimSpace(line) != "" {
			out.WriteString(b.indent)
		}
		out.WriteString(line)
	}
	return out.String()
}

// checkFileBlock: the block is the file's content; config files load, Rego files are
// tested by their directory.
func checkFileBlock(t *testing.T, b docBlock, regoDirs map[string]bool) []docEdit {
	invalid := len(b.marker) == 3 && b.marker[2] == "invalid"
	if len(b.marker) != 2 && !invalid {
		t.Fatalf("%s: want <!-- test: file PATH [invalid] -->", b)
	}
	path := b.marker[1]
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	var edits []docEdit
	if string(data) != b.body {
		if *update {
			edits = append(edits, docEdit{b.start, b.end, b.reindent(string(data))})
		} else {
			t.Errorf("%s shows %s, which differs (run go test ./cmd/aksnet-lint -update to copy the file into the doc):\n--- doc\n%s--- file\n%s", b, path, b.body, data)
		}
	}
	switch {
	case filepath.Base(path) == config.DefaultFile:
		if _, err := config.Load(path, true); (err != nil) != invalid {
			t.Errorf("%s: loading %s: %v (invalid in the marker: %v)", b, path, err, invalid)
		}
	case strings.HasSuffix(path, "_test.rego"):
		regoDirs[filepath.Dir(path)] = true
	}
	return edits
}

// checkConfigBlock: the block loads as a configuration.
func checkConfigBlock(t *testing.T, b docBlock) {
	dir := t.TempDir()
	path := filepath.Join(dir, config.DefaultFile)
	if err := os.WriteFile(path, []byte(b.body), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(path, true); err != nil {
		t.Errorf("%s: %v", b, err)
	}
}

// checkTreeBlock: the block lists the files under a directory.
func checkTreeBlock(t *testing.T, b docBlock) {
	if len(b.marker) != 2 {
		t.Fatalf("%s: want <!-- test: tree DIR -->", b)
	}
	var files strings.Builder
	err := filepath.WalkDir(b.marker[1], func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(b.marker[1], path)
		fmt.Fprintln(&files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if files.String() != b.body {
		t.Errorf("%s: the files of %s are\n%s", b, b.marker[1], files.String())
	}
}

// checkRunBlock runs the commands of a console block in a copy of its directory.
func checkRunBlock(t *testing.T, b docBlock) []docEdit {
	dir, cwd, wantExit := "", "", 0
	for _, arg := range b.marker[1:] {
		if d, ok := strings.CutPrefix(arg, "cwd="); ok {
			cwd = d
			continue
		}
		if n, ok := strings.CutPrefix(arg, "exit="); ok {
			var err error
			if wantExit, err = strconv.Atoi(n); err != nil {
				t.Fatalf("%s: %s", b, arg)
			}
			continue
		}
		dir = arg
	}
	work := t.TempDir()
	if dir != "" {
		if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
			t.Fatalf("%s: copying %s: %v", b, dir, err)
		}
	}
	t.Chdir(filepath.Join(work, filepath.FromSlash(cwd)))

	type session struct{ command, want, got string }
	var sessions []session
	for line := range strings.Lines(b.body) {
		if cmd, ok := strings.CutPrefix(line, "$ "); ok {
			sessions = append(sessions, session{command: strings.TrimSuffix(cmd, "\n")})
			continue
		}
		if len(sessions) == 0 {
			t.Fatalf("%s: a run block starts with a \"$ aksnet-lint ...\" line", b)
		}
		sessions[len(sessions)-1].want += line
	}
	if len(sessions) == 0 {
		t.Fatalf("%s: no command", b)
	}
	var rewritten strings.Builder
	elided, differs := false, false
	for i, s := range sessions {
		args, err := shellWords(s.command)
		if err != nil || len(args) == 0 || args[0] != "aksnet-lint" {
			t.Fatalf("%s: %q: only aksnet-lint commands are run (%v)", b, s.command, err)
		}
		stdout, stderr, code := lintRun(t, args[1:]...)
		sessions[i].got = stdout + stderr
		if code != wantExit {
			t.Errorf("%s: %s: exit %d, want %d (exit=N in the marker)\n%s", b, s.command, code, wantExit, sessions[i].got)
		}
		if strings.Contains(s.want, "\n...\n") || strings.HasPrefix(s.want, "...\n") {
			elided = true
		}
		if !matchOutput(s.want, sessions[i].got) {
			differs = true
			if !*update {
				t.Errorf("%s: the output of %s differs (run go test ./cmd/aksnet-lint -update to rewrite it):\n--- doc\n%s--- got\n%s", b, s.command, s.want, sessions[i].got)
			}
		}
		fmt.Fprintf(&rewritten, "$ %s\n%s", s.command, sessions[i].got)
	}
	if *update && rewritten.String() != b.body {
		if elided {
			// An elided output that still matches needs no rewrite: -update (go generate)
			// leaves it as it is.
			if differs {
				t.Errorf("%s: output with \"...\" is not rewritten by -update; edit it by hand", b)
			}
			return nil
		}
		return []docEdit{{b.start, b.end, b.reindent(rewritten.String())}}
	}
	return nil
}

// matchOutput compares output line by line; a "..." line matches any number of lines.
func matchOutput(want, got string) bool {
	return matchLines(strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n"))
}

func matchLines(want, got []string) bool {
	for len(want) > 0 {
		if want[0] == "...\n" {
			for i := len(got); i >= 0; i-- {
				if matchLines(want[1:], got[i:]) {
					return true
				}
			}
			return false
		}
		if len(got) == 0 || want[0] != got[0] {
			return false
		}
		want, got = want[1:], got[1:]
	}
	return len(got) == 0
}

// shellWords splits a command line as a POSIX shell would for the plain words, quotes
// and backslashes the docs use.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unclosed quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case strings.ContainsRune("|&;<>()$`*?[", rune(c)) || !inWord && strings.ContainsRune("#~", rune(c)):
			// Pipes, expansions and globs would need a shell: quote them or leave them out.
			return nil, fmt.Errorf("shell syntax %q is not supported here", c)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// runRegoTests runs the Rego tests of a policy directory shown in the docs with the
// compiler the engine uses: built-in policies beside it, schema type-checking, and the
// restricted built-ins.
func runRegoTests(t *testing.T, dir string) {
	modules, err := engine.ParseFS(policies.FS, "policies", false)
	if err != nil {
		t.Fatal(err)
	}
	user, err := engine.ParseFS(os.DirFS(dir), dir, true)
	if err != nil {
		t.Fatal(err)
	}
	hasTest := false
	for name, m := range user {
		modules[name] = m
		hasTest = hasTest || strings.HasSuffix(name, "_test.rego")
	}
	if !hasTest {
		t.Fatalf("%s has no _test.rego", dir)
	}
	compiler, err := engine.NewCompiler()
	if err != nil {
		t.Fatal(err)
	}
	// The built-in policies are loaded without their tests, so only dir's tests run.
	ch, err := tester.NewRunner().SetCompiler(compiler).SetModules(modules).EnableTracing(false).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for r := range ch {
		ran++
		switch {
		case r.Error != nil:
			t.Errorf("%s.%s: error: %v", r.Package, r.Name, r.Error)
		case r.Fail:
			t.Errorf("%s.%s (%s): failed", r.Package, r.Name, r.Location)
		}
	}
	if ran == 0 {
		t.Errorf("no Rego test ran in %s", dir)
	}
}

// TestDocsShowEveryConfigKey: docs/configuration.md has a section for every key of
// .aksnet-lint.yaml.
func TestDocsShowEveryConfigKey(t *testing.T) {
	data, err := os.ReadFile("docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range configKeys() {
		if !strings.Contains(string(data), "\n### `"+key+"`") {
			t.Errorf("docs/configuration.md has no section ### `%s`", key)
		}
	}
}

// configKeys are the top-level keys of .aksnet-lint.yaml, read from the starter, which
// a config test keeps complete.
func configKeys() []string {
	var keys []string
	for _, m := range regexp.MustCompile(`(?m)^#([a-zA-Z]+):`).FindAllSubmatch(config.Starter, -1) {
		keys = append(keys, string(m[1]))
	}
	return keys
}

// TestDocsLinkedFromReadme: the README's Documentation section links every user doc.
func TestDocsLinkedFromReadme(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Documentation\n")
	if !ok {
		t.Fatal("README.md has no ## Documentation section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	for _, doc := range append(slices.Clone(userDocs), "docs/github-code-scanning.md", "docs/rules/README.md") {
		if !strings.Contains(section, "]("+doc+")") {
			t.Errorf("README's Documentation section does not link %s", doc)
		}
	}
}
