package armeval

import (
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// A trace follows a value to where it is written: through the JSON of a
// resource, into the expression that computes it (createObject, union,
// if, coalesce, createArray, concat, property and index access) and on
// through variables, parameters (their default, the parameter file entry,
// the value a nested deployment passes) and nested deployment outputs.
// It only decides locations: values always come from the evaluator.
//
// The first site is the primary location (where the resource uses the
// value); each jump into a definition adds a related location, narrowed as
// the trace goes on inside it.
type trace struct {
	kind tkind
	s    *scope // nil: plain JSON (a parameter file)
	f    *frame
	src  *jsonsrc.Source
	j    gjson.Result // the JSON value, or the JSON string holding n
	n    armexpr.Node
	// ext holds what only the rarer kinds use, behind a pointer: a trace is copied
	// into every Value the extractor reads, and these fields made up over a quarter
	// of its size (BenchmarkExtractHub). It is never written after it is set.
	ext *traceExt

	// note is one more related location for where the trace stopped (a
	// parameter declared without a value).
	note *relSite

	at  site      // primary location (final once rel is not empty)
	cur site      // current precise site
	rel []relSite // jumps; the last one's site is cur
}

// traceExt is the part of a trace that only copy loops, nested deployments and
// union() merges use.
type traceExt struct {
	dep  *nestedDeployment // tDeployment, tOutputs
	cpy  gjson.Result      // tCopy: the copy loop element
	name string            // tCopy: the loop name
	// tMerge: the objects union() merges at this property, last wins,
	// with their values.
	parts []trace
	pvals []map[string]any
}

type tkind uint8

const (
	tDead       tkind = iota // located, not traceable further
	tJSON                    // j is a JSON value that is not an expression
	tExpr                    // n is a node of the expression in the JSON string j
	tCopy                    // a copy loop's array
	tDeployment              // reference() of a nested deployment
	tOutputs                 // its outputs
	tMerge                   // objects that union() merges
)

// site is a place in a file: a JSON value, or a node of the expression in a
// JSON string.
type site struct {
	src *jsonsrc.Source
	j   gjson.Result
	n   armexpr.Node
}

type relSite struct {
	site site
	msg  string
}

// maxTraceSteps bounds one resolution (variables referring to variables...).
const maxTraceSteps = 64

// maxRelated bounds the related locations of one value.
const maxRelated = 5

// jsonTrace starts a trace at a JSON value of scope s (nil: plain JSON).
func (x *Deployment) jsonTrace(s *scope, f *frame, src *jsonsrc.Source, j gjson.Result) trace {
	t := trace{s: s, f: f, src: src}
	t.cur = site{src: src, j: j}
	t.at = t.cur
	return x.enter(t, j)
}

// enter moves a trace onto JSON value j (same scope and file).
func (x *Deployment) enter(t trace, j gjson.Result) trace {
	t.j, t.n, t.kind = j, nil, tJSON
	t.cur = site{src: t.src, j: j}
	if t.s != nil && j.Type == gjson.String && armexpr.IsExpression(j.String()) {
		p := x.parse(t.src, j)
		if p.err != nil {
			t.kind = tDead
			return t
		}
		t.kind, t.n = tExpr, p.n // cur stays on the whole string
	}
	return t
}

// onNode moves a trace onto another node of the same expression.
func onNode(t trace, n armexpr.Node) trace {
	t.kind, t.n, t.note = tExpr, n, nil
	t.cur = site{src: t.src, j: t.j, n: n}
	return t
}

func dead(t trace) trace {
	t.kind = tDead
	return t
}

// jump continues a trace at target (a definition elsewhere), adding a
// related location.
func jump(t trace, target trace, msg string) trace {
	rel := make([]relSite, len(t.rel), len(t.rel)+1)
	copy(rel, t.rel)
	if len(rel) == 0 {
		t.at = t.cur
	} else {
		rel[len(rel)-1].site = t.cur
	}
	rel = append(rel, relSite{msg: msg})
	target.at = t.at
	target.rel = rel
	target.note = nil
	return target
}

// locate turns a trace into a location with related locations. Their messages
// are worded for the origin of the source of the primary location
// (jsonsrc.Source.Relate, marked "relate" where it is written out, a call less
// for each related location of a source without one): they name lines of that
// source's text (scope.label), wherever the related location is.
func locate(t trace) netdoc.Located {
	out := locateJumps(t)
	if t.note != nil {
		l, msg := siteLoc(t.note.site), t.note.msg
		if in := t.primary().src; in != nil && in.HasOrigin() {
			msg = in.Relate(msg, l) // relate
		}
		out.Related = append(out.Related, netdoc.Related{Location: l, Message: msg})
	}
	return out
}

func locateJumps(t trace) netdoc.Located {
	if len(t.rel) == 0 {
		return netdoc.Located{Location: siteLoc(t.cur)}
	}
	out := netdoc.Located{Location: siteLoc(t.at)}
	rels := t.rel
	if len(rels) > maxRelated {
		rels = append(append([]relSite{}, rels[:1]...), rels[len(rels)-maxRelated+1:]...)
	}
	for i, r := range rels {
		st := r.site
		if i == len(rels)-1 {
			st = t.cur
		}
		l, msg := siteLoc(st), r.msg
		if in := t.at.src; in != nil && in.HasOrigin() {
			msg = in.Relate(msg, l) // relate
		}
		out.Related = append(out.Related, netdoc.Related{Location: l, Message: msg})
	}
	return out
}

// primary is the site of the primary location of t (locateJumps).
func (t trace) primary() site {
	if len(t.rel) == 0 {
		return t.cur
	}
	return t.at
}

// siteLoc locates a site: a JSON value, or the span of an expression node
// inside a JSON string.
func siteLoc(s site) netdoc.Location {
	off, n, ok := siteSpan(s)
	if !ok {
		return netdoc.Location{}
	}
	return s.src.At(off, n)
}

// siteTextLoc is siteLoc in the text of the site's source (jsonsrc.Source.TextAt).
func siteTextLoc(s site) netdoc.Location {
	off, n, ok := siteSpan(s)
	if !ok {
		return netdoc.Location{}
	}
	return s.src.TextAt(off, n)
}

// siteSpan is the byte span of a site in its source's text; not ok for a site
// with no source, or a computed value (no index, no text: jsonsrc.Source.Loc).
func siteSpan(s site) (off, n int, ok bool) {
	if s.src == nil {
		return 0, 0, false
	}
	if s.n == nil || s.j.Index <= 0 {
		if s.j.Index <= 0 && s.j.Raw == "" {
			return 0, 0, false
		}
		return s.j.Index, len(s.j.Raw), true
	}
	start := rawOffset(s.j.Raw, s.n.Pos())
	end := rawOffset(s.j.Raw, s.n.End())
	return s.j.Index + start, end - start, true
}

// rawOffset maps an offset in a decoded JSON string to the offset in its
// raw text (quotes included).
func rawOffset(raw string, pos int) int {
	if !strings.Contains(raw, `\`) {
		return min(pos+1, len(raw))
	}
	dec := 0
	i := 1
	for i < len(raw)-1 && dec < pos {
		if raw[i] != '\\' {
			i++
			dec++
			continue
		}
		if i+1 < len(raw) && raw[i+1] == 'u' {
			r, n := jsonsrc.DecodeU(raw[i:])
			dec += utf8.RuneLen(r)
			i += n
			continue
		}
		i += 2
		dec++
	}
	return i
}
