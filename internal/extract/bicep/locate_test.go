package bicep

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// translatedAfter is the location table of c read in the compiled text and
// translated afterwards, entry by entry (Translate, translateLines), as Extract
// did before the ARM reader located values in the Bicep source itself: what
// Extract gives must not differ from it.
func translatedAfter(t *testing.T, c *Compiled) (*netdoc.Document, netdoc.Locations) {
	t.Helper()
	src, root, ok := jsonsrc.ParseIndexed(c.src.File, c.src.JSON, c.sm.lines, c.sm.boxes)
	if !ok {
		src, root, ok = jsonsrc.ParseGenerated(c.src.File, c.src.JSON, c.sm.lines)
	}
	if !ok {
		t.Fatalf("%s: the compiled text is not read again", c.src.File)
	}
	ev := armeval.Evaluate(src, root, armeval.Options{Params: c.opt.Params, UnknownFunctions: c.unknownFns, Types: arm.ResourceTypes})
	doc, locs := arm.Map(ev)
	sm := c.sm
	var pf string
	if c.opt.ParamFile != nil {
		pf = c.opt.ParamFile.Path
	}
	for p, l := range locs {
		l.Location = sm.Translate(l.Location)
		mentions := false
		if len(l.Related) > 0 {
			rel := make([]netdoc.Related, len(l.Related))
			for i, r := range l.Related {
				r.Location = sm.Translate(r.Location)
				r.Message = sm.translateLines(r.Message, r.File)
				if pf != "" && (r.File == pf || slices.Contains(sm.bases, r.File)) {
					mentions = mentions || r.File == pf
					if rest, ok := strings.CutPrefix(r.Message, "default value of parameter "); ok {
						r.Message = "value of parameter " + rest + " in " + filepath.Base(r.File)
					}
				}
				rel[i] = r
			}
			l.Related = rel
		}
		if pf != "" && !mentions && l.File != pf {
			l.Related = append(l.Related, netdoc.Related{Location: netdoc.Location{File: pf, Line: 1, Column: 1}, Message: "with parameter file " + filepath.Base(pf)})
		}
		locs[p] = l
	}
	for i := range doc.Invalid {
		doc.Invalid[i].Message = sm.translateLines(doc.Invalid[i].Message, locs[netdoc.Pointer("invalid", i)].File)
	}
	return doc, locs
}

// refusals are the distinct findings of c's compilation (Note.Invalid), in order,
// and the number of its other notes.
func refusals(c *Compiled) (refused []netdoc.Invalid, others int) {
	seen := map[[2]any]bool{}
	for _, n := range c.notes {
		switch {
		case !n.Invalid:
			others++
		case !seen[[2]any{n.File, n.Pos}]:
			seen[[2]any{n.File, n.Pos}] = true
			refused = append(refused, netdoc.Invalid{Code: codeInvalidTemplate, Message: n.Reason})
		}
	}
	return refused, others
}

// TestLocatedAsTranslatedAfter: on the Bicep files of testdata and the shared
// corpus, alone and with the .bicepparam files there, every location Extract
// gives (related ones and their messages included), and every finding of the
// template's validation in its order, is the one the compiled text's location
// translated afterwards gives.
func TestLocatedAsTranslatedAfter(t *testing.T) {
	n, params := 0, 0
	isSource := func(p string) bool { return IsBicepName(p) || IsParamName(p) }
	eachSourceFile(t, isSource, func(p string, data []byte) {
		var opt Options
		if IsParamName(p) {
			pf, perr := ParseParamFile(p, data)
			if perr != nil || pf.UsingPath() == "" {
				return // a syntax error case, or a registry template
			}
			path := filepath.Join(filepath.Dir(p), pf.UsingPath())
			var err error
			if data, err = os.ReadFile(path); err != nil {
				return // a template that is not there
			}
			p, opt.ParamFile = path, pf
			params++
		}
		opt.Load = diskLoader
		c, perr := Prepare(p, data, opt)
		if perr != nil {
			return // a syntax error case: nothing located
		}
		n++
		doc, got := c.Extract(nil, nil)
		wantDoc, want := translatedAfter(t, c)
		refused, others := refusals(c)
		wantDoc.Invalid = append(wantDoc.Invalid, refused...)
		if !reflect.DeepEqual(doc.Invalid, wantDoc.Invalid) {
			t.Errorf("%s: findings %+v, want %+v", p, doc.Invalid, wantDoc.Invalid)
		}
		for ptr, w := range want {
			if g := got[ptr]; !reflect.DeepEqual(g, w) {
				t.Errorf("%s: %s located at %+v, want %+v", p, ptr, g, w)
			}
		}
		if len(got) != len(want)+others+len(refused) {
			t.Errorf("%s: %d locations, want %d, %d notes and %d refused", p, len(got), len(want), others, len(refused))
		}
	})
	if n < 10 || params < 2 {
		t.Fatalf("%d Bicep files read, %d with a .bicepparam file, want the corpus' (at least 10 and 2)", n, params)
	}
}

// TestFindingsInOneExpression: two findings of the template's validation in one
// compiled expression, which the source map locates at the same Bicep span, stay
// two, in the order of the compiled text, worded for Bicep, with the module's
// outputs (its first output declaration) as their related location.
func TestFindingsInOneExpression(t *testing.T) {
	mod := "param p string = 'x'\noutput a string = p\n"
	load := func(from, rel string) (string, []byte, error) { return "mod.bicep", []byte(mod), nil }
	src := "module m 'mod.bicep' = {\n  name: 'm'\n}\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '${m.outputs.nope}-${m.outputs.other}'\n}\n"
	doc, locs, err := Extract("main.bicep", []byte(src), Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Module 'm' declares no output 'nope'", "Module 'm' declares no output 'other'"}
	if len(doc.Invalid) != len(want) {
		t.Fatalf("findings %+v, want %q", doc.Invalid, want)
	}
	for i, w := range want {
		if doc.Invalid[i].Message != w {
			t.Errorf("finding %d: %q, want %q", i, doc.Invalid[i].Message, w)
		}
		l := locs[netdoc.Pointer("invalid", i)]
		at := netdoc.Location{File: "main.bicep", Line: 5, Column: 9, EndLine: 5, EndColumn: 47}
		rel := []netdoc.Related{{Location: netdoc.Location{File: "mod.bicep", Line: 2, Column: 1}, Message: "outputs of module 'm'"}}
		if l.Location != at || !reflect.DeepEqual(l.Related, rel) {
			t.Errorf("finding %d located at %+v, want %+v with %+v", i, l, at, rel)
		}
	}
}

// TestAnchorEntry: with a .bicepparam file, a location is given the file's
// anchor unless it, or a related location, is in the file; a default value
// related from the file is named a value of it; the related locations the entry
// came with are not changed.
func TestAnchorEntry(t *testing.T) {
	const pf = "dir/p.bicepparam"
	anchor := netdoc.Related{Location: netdoc.Location{File: pf, Line: 1, Column: 1}, Message: "with parameter file p.bicepparam"}
	at := func(file string, line int) netdoc.Location { return netdoc.Location{File: file, Line: line, Column: 1} }
	shared := []netdoc.Related{{Location: at(pf, 3), Message: "default value of parameter 'x'"}}
	for _, tc := range []struct {
		name    string
		in, out netdoc.Located
	}{
		{"plain", netdoc.Located{Location: at("t.bicep", 2)}, netdoc.Located{Location: at("t.bicep", 2), Related: []netdoc.Related{anchor}}},
		{"in the file", netdoc.Located{Location: at(pf, 2)}, netdoc.Located{Location: at(pf, 2)}},
		{"related elsewhere", netdoc.Located{Location: at("t.bicep", 2), Related: []netdoc.Related{{Location: at("t.bicep", 9), Message: "variable 'v'"}}},
			netdoc.Located{Location: at("t.bicep", 2), Related: []netdoc.Related{{Location: at("t.bicep", 9), Message: "variable 'v'"}, anchor}}},
		{"related in the file", netdoc.Located{Location: at("t.bicep", 2), Related: shared},
			netdoc.Located{Location: at("t.bicep", 2), Related: []netdoc.Related{{Location: at(pf, 3), Message: "value of parameter 'x' in p.bicepparam"}}}},
	} {
		if got := anchorEntry(tc.in, pf, anchor, nil); !reflect.DeepEqual(got, tc.out) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.out)
		}
	}
	if shared[0].Message != "default value of parameter 'x'" {
		t.Errorf("the entry's related locations were changed: %+v", shared)
	}
}

// TestRelate: the messages of related locations are worded for Bicep: a nested
// deployment is a module, and a line of the compiled text is the line (and file,
// when another) it was written on.
func TestRelate(t *testing.T) {
	mod := "param p string\noutput o string = p\n"
	load := func(from, rel string) (string, []byte, error) { return "mod.bicep", []byte(mod), nil }
	src := "module m 'mod.bicep' = {\n  name: 'm'\n  params: {\n    p: 'x'\n  }\n}\n"
	c, err := Prepare("main.bicep", []byte(src), Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	sm := c.sm
	// The compiled line the module's deployment starts on.
	line := 0
	for i := range sm.lines {
		if l := sm.Translate(netdoc.Location{File: sm.Generated, Line: i + 1, Column: 1}); l.File == "main.bicep" && l.Line == 1 {
			line = i + 1
			break
		}
	}
	if line == 0 {
		t.Fatal("no compiled line is main.bicep's first")
	}
	for _, tc := range []struct{ msg, file, want string }{
		{"output 'o' of nested deployment 'm'", "main.bicep", "output 'o' of module 'm'"},
		{"outputs of nested deployment declared at line " + itoa(line), "main.bicep", "outputs of module declared at line 1"},
		{"outputs of nested deployment declared at line " + itoa(line), "mod.bicep", "outputs of module declared at main.bicep:1"},
		{"variable 'v'", "main.bicep", "variable 'v'"},
	} {
		if got := sm.Relate(tc.msg, netdoc.Location{File: tc.file, Line: 1, Column: 1}); got != tc.want {
			t.Errorf("Relate(%q, %s) = %q, want %q", tc.msg, tc.file, got, tc.want)
		}
	}
}

// TestLocateSpans: the source map locates a mark's span at the line and column
// srcFile.lineCol gives its start and its end, for spans within a line, across a
// few lines and across many blocks of the line table, on the lineTableSources;
// and a mark with no span (or one that ends before it starts) at its start only.
func TestLocateSpans(t *testing.T) {
	for _, src := range lineTableSources {
		f := &srcFile{path: "t.bicep", src: src}
		for pos := -1; pos <= len(src)+1; pos++ {
			for _, n := range []int{-1, 0, 1, 2, 7, 40, blockBytes + 3, 3*blockBytes + 1, len(src) + 2} {
				end := pos + n
				m := &SourceMap{lines: []int32{0, 1}, marks: []mark{{pos: int32(pos), span: wideSpan}}, wide: []wideMark{{mark: 0, file: 0, end: int32(end)}}, files: []*srcFile{f}}
				want := netdoc.Location{File: f.path}
				want.Line, want.Column = f.lineCol(pos)
				if at := min(max(pos, 0), len(src)); end > at {
					want.EndLine, want.EndColumn = f.lineCol(end)
				}
				if got := m.Locate(1, 1); got != want {
					t.Fatalf("%.30q span [%d, %d): %+v, want %+v", src, pos, end, got, want)
				}
			}
		}
	}
}
