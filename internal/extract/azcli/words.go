package azcli

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// arg is one command argument after expansion, with the source span of its word.
type arg struct {
	value
	start, end int
	expr       string
}

// varState says what a variable lookup found.
type varState uint8

const (
	varSet   varState = iota // assigned in the script (the value may still be unknown)
	varUnset                 // certainly unset or empty (a missing function argument)
	varEnv                   // not assigned in the script: it may come from the environment
)

// args expands command words into fields, as bash would before running the command.
func (in *interp) args(words []*syntax.Word) []arg {
	// Most words give one field: sized for that, the slice of a long az command is
	// allocated once instead of growing through five sizes.
	out := make([]arg, 0, len(words))
	for _, w := range words {
		out = in.appendFields(out, w)
	}
	return out
}

// appendFields expands one word with field splitting and appends its fields to out.
func (in *interp) appendFields(out []arg, w *syntax.Word) []arg {
	start, end := int(w.Pos().Offset()), int(w.End().Offset())
	expr := in.src.text(start, end)
	if fields, ok := in.arrayFields(w); ok {
		for _, f := range fields {
			out = append(out, arg{value: f, start: start, end: end, expr: expr})
		}
		return out
	}
	v := in.word(w)
	if f, ok := oneField(v); ok {
		return append(out, arg{value: f, start: start, end: end, expr: expr})
	}
	for _, f := range splitFields(v, hasQuotes(w)) {
		out = append(out, arg{value: f, start: start, end: end, expr: expr})
	}
	return out
}

// arrayFields expands a word that is all of one array, "${A[@]}" or ${A[*]}, into its
// fields: quoted @ gives one field per element, unquoted each element split on blanks,
// quoted * one field of the elements joined by spaces. An array whose elements are not
// known gives one unknown field that may stand for any number of words.
func (in *interp) arrayFields(w *syntax.Word) ([]value, bool) {
	if len(w.Parts) != 1 {
		return nil, false
	}
	quoted := false
	p := w.Parts[0]
	if dq, ok := p.(*syntax.DblQuoted); ok {
		if len(dq.Parts) != 1 {
			return nil, false
		}
		p, quoted = dq.Parts[0], true
	}
	pe, ok := p.(*syntax.ParamExp)
	if !ok {
		return nil, false
	}
	var all byte
	switch {
	case plainIndexed(pe):
		all = indexAll(pe)
	case in.zsh && !quoted && pe.Param != nil && pe.Index == nil && pe.Exp == nil && !pe.Length && !pe.Excl &&
		pe.Slice == nil && pe.Repl == nil && pe.Flags == nil && len(pe.Modifiers) == 0 && pe.NestedParam == nil:
		// zsh: $A of an array is its elements, one word each
		if v, _ := in.lookup(pe.Param.Value, pe); v.array {
			all, quoted = '@', true
		}
	}
	if all == 0 {
		return nil, false
	}
	if !in.spend(1) {
		return []value{unknownValue("budget@"+in.uidAt(w), "the analysis budget was exhausted")}, true
	}
	v, st := in.lookup(pe.Param.Value, pe)
	els, known := in.elems(v, st)
	if !in.spend(len(els)) {
		// every element copied is work: a hostile script may expand a large array often
		return []value{unknownValue("budget@"+in.uidAt(w), "the analysis budget was exhausted")}, true
	}
	if !known {
		u := offless(v.scalar())
		if len(u.pieces) == 0 || !u.pieces[0].unknown {
			u = unknownValue("${"+pe.Param.Value+"[@]}@"+in.uidAt(pe), "the elements of $"+pe.Param.Value+" are not known")
		}
		return []value{markSplit(u, true)}, true
	}
	switch {
	case quoted && all == '@':
		out := make([]value, len(els))
		for i, e := range els {
			out[i] = offless(e)
			out[i].from = v.from
		}
		return out, true
	case quoted:
		j := joinElems(els)
		j.from = v.from
		return []value{j}, true
	}
	var out []value
	for _, e := range els {
		e = markSplit(offless(e), !in.zsh)
		e.from = v.from
		out = append(out, splitFields(e, false)...)
	}
	return out, true
}

// plainIndexed reports ${A[...]} with no other operator.
func plainIndexed(pe *syntax.ParamExp) bool {
	return pe.Param != nil && pe.Index != nil && !pe.Excl && !pe.Width && !pe.IsSet && pe.Slice == nil &&
		pe.Repl == nil && pe.Names == 0 && pe.NestedParam == nil && pe.Flags == nil && len(pe.Modifiers) == 0 && pe.Exp == nil
}

// indexAll is '@' or '*' for ${A[@]} and ${A[*]}, else 0.
func indexAll(pe *syntax.ParamExp) byte {
	if w, ok := pe.Index.(*syntax.Word); ok {
		switch w.Lit() {
		case "@":
			return '@'
		case "*":
			return '*'
		}
	}
	return 0
}

// elems returns the elements a variable holds as an array: an array's elements, a
// scalar as one element, none when it is certainly unset. A variable the script never
// sets is not known.
func (in *interp) elems(v value, st varState) ([]value, bool) {
	switch {
	case st == varUnset:
		return nil, true
	case st == varEnv:
		return nil, false
	case v.array:
		return v.knownElems()
	}
	return []value{v}, true
}

// joinElems joins elements with single spaces, as "${A[*]}" does.
func joinElems(els []value) value {
	out := value{pieces: []piece{}}
	for i, e := range els {
		if i > 0 {
			out.add(piece{text: " ", off: -1})
		}
		out.concat(offless(e))
	}
	return out
}

// index evaluates ${A[i]}, ${A[@]} (joined) and ${#A[@]} on an indexed array.
func (in *interp) index(pe *syntax.ParamExp) value {
	name := pe.Param.Value
	v, st := in.lookup(name, pe)
	els, known := in.elems(v, st)
	uid := "${" + name + "[]}@" + in.uidAt(pe)
	if !in.spend(len(els)) {
		return unknownValue(uid, "the analysis budget was exhausted")
	}
	if all := indexAll(pe); all != 0 {
		switch {
		case !known:
			return unknownValue(uid, "the elements of $"+name+" are not known")
		case pe.Length:
			return knownValue(strconv.Itoa(len(els)), -1)
		}
		j := joinElems(els)
		j.from = v.from
		return j
	}
	i, ok := in.arith(pe.Index)
	if !ok {
		return unknownValue(uid, "the index of $"+name+" is not known")
	}
	if !known {
		return unknownValue(uid, "the elements of $"+name+" are not known")
	}
	switch {
	case i < 0:
		i += int64(len(els))
	case in.zsh:
		i-- // zsh arrays count from 1
		if i < 0 {
			i = int64(len(els)) // ${A[0]} is empty in zsh
		}
	}
	var e value
	if i >= 0 && i < int64(len(els)) {
		e = offless(els[i])
	}
	if pe.Length {
		if s, ok := e.known(); ok {
			return knownValue(strconv.Itoa(utf8.RuneCountInString(s)), -1)
		}
		return unknownValue(uid, "the length of an unknown value")
	}
	e.from = v.from
	return e
}

func hasQuotes(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		}
	}
	return false
}

// asAdded reports whether concatenating v onto an empty value gives v's pieces and
// related locations unchanged: not an array, related locations within maxFrom and
// without a repeat, pieces as add leaves them.
func asAdded(v value) bool {
	if v.array || len(v.elems) > 0 || len(v.from) > maxFrom || !piecesAsAdded(v.pieces) {
		return false
	}
	for i, r := range v.from {
		if slices.Contains(v.from[:i], r) {
			return false
		}
	}
	return true
}

// piecesAsAdded reports pieces as add leaves them: no empty known text, no two
// adjacent known pieces add would merge.
func piecesAsAdded(ps []piece) bool {
	for i, p := range ps {
		if p.unknown {
			continue
		}
		if p.text == "" {
			return false
		}
		if i > 0 {
			if last := ps[i-1]; !last.unknown && last.split == p.split &&
				(last.off >= 0 && p.off == last.off+len(last.text) || last.off < 0 && p.off < 0) {
				return false
			}
		}
	}
	return true
}

// oneField is the one field splitFields gives v, without the copies, when v has
// pieces, none of them known text to split, and they are as add leaves them: the
// field is v's pieces, ref and related locations. Most words are such (a literal, a
// quoted string), and their copies were a tenth of the allocations of reading a script
// (BenchmarkReadDir). The field shares v's pieces: v is the caller's own (a word just
// evaluated).
func oneField(v value) (value, bool) {
	if len(v.pieces) == 0 || v.array || len(v.elems) > 0 || !piecesAsAdded(v.pieces) ||
		slices.ContainsFunc(v.pieces, func(p piece) bool { return p.split && !p.unknown }) {
		return value{}, false
	}
	return value{pieces: v.pieces, ref: v.ref, from: v.from}, true
}

// splitFields splits the unquoted expansions of a value on blanks.
func splitFields(v value, quoted bool) []value {
	var out []value
	var cur value
	has := false
	for _, p := range v.pieces {
		if !p.split || p.unknown {
			cur.add(p)
			has = true
			continue
		}
		t := p.text
		for t != "" {
			i := indexBlank(t)
			if i < 0 {
				cur.add(piece{text: t, off: -1})
				has = true
				break
			}
			if i > 0 {
				cur.add(piece{text: t[:i], off: -1})
				has = true
			}
			if has {
				out = append(out, cur)
				cur, has = value{}, false
			}
			t = strings.TrimLeft(t[i:], " \t\n")
		}
	}
	if has || len(out) == 0 && quoted {
		out = append(out, cur)
	}
	if len(out) == 1 {
		out[0].ref = v.ref
	}
	for i := range out {
		out[i].from = v.from
	}
	return out
}

// indexBlank is the index of the first blank (space, tab, newline) of t, or -1: a
// loop over the bytes, cheaper than strings.IndexAny on the short text of a word.
func indexBlank(t string) int {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c == ' ' || c == '\t' || c == '\n' {
			return i
		}
	}
	return -1
}

// value evaluates a word without field splitting (assignments, case subjects).
func (in *interp) value(w *syntax.Word) value {
	if w == nil {
		return value{}
	}
	v := in.word(w)
	for i := range v.pieces {
		v.pieces[i].split = false
	}
	return v
}

// word evaluates a word; unquoted expansion results are marked for splitting.
func (in *interp) word(w *syntax.Word) value {
	if !in.spend(1) {
		return unknownValue("budget@"+in.uidAt(w), "the analysis budget was exhausted")
	}
	if in.depth >= maxDepth {
		return unknownValue("depth@"+in.uidAt(w), "nested too deeply to analyse")
	}
	in.depth++
	defer func() { in.depth-- }()
	return in.parts(w.Parts, false)
}

func (in *interp) parts(parts []syntax.WordPart, quoted bool) value {
	if len(parts) == 1 {
		if l, ok := parts[0].(*syntax.Lit); ok {
			// A literal's value is new and as concat leaves it (one piece, or the
			// pieces add gives): it is the word's value, without a copy.
			if pv := in.lit(l.Value, int(l.Pos().Offset()), int(l.End().Offset()), quoted, true); asAdded(pv) {
				if len(pv.pieces) == 0 {
					pv.pieces = nil // as concat leaves an empty value
				}
				return value{pieces: pv.pieces, ref: pv.ref, from: pv.from}
			}
		}
	}
	var out value
	for i, p := range parts {
		pv := in.part(p, quoted, i == 0)
		out.concat(pv)
		if len(parts) == 1 {
			out.ref = pv.ref
		}
	}
	return out
}

func (in *interp) part(p syntax.WordPart, quoted, first bool) value {
	start, end := int(p.Pos().Offset()), int(p.End().Offset())
	switch p := p.(type) {
	case *syntax.Lit:
		return in.lit(p.Value, start, end, quoted, first)
	case *syntax.SglQuoted:
		if p.Dollar {
			if strings.Contains(p.Value, `\`) {
				return unknownValue("$'@"+in.uidAt(p), "ANSI-C quoting with escapes is not analysed")
			}
			return in.holed(p.Value, start+2, end-1)
		}
		return in.holed(p.Value, start+1, end-1)
	case *syntax.DblQuoted:
		return in.parts(p.Parts, true)
	case *syntax.ParamExp:
		if h, ok := in.src.hole(start, end); ok {
			return in.placeholder(h)
		}
		// zsh does not split the result of an unquoted parameter expansion
		return expansion(in.paramExp(p, quoted), true, !quoted && !in.zsh)
	case *syntax.CmdSubst:
		return expansion(in.cmdSubst(p), false, !quoted)
	case *syntax.ArithmExp:
		if n, ok := in.arith(p.X); ok {
			return markSplit(knownValue(strconv.FormatInt(n, 10), -1), !quoted)
		}
		return unknownValue("$((@"+in.uidAt(p), "arithmetic on unknown values")
	case *syntax.ProcSubst:
		if !in.pure {
			in.subshell(func() { in.stmts(p.Stmts) })
		}
		return unknownValue("<()@"+in.uidAt(p), "a process substitution is a run-time file name")
	}
	return unknownValue("glob@"+in.uidAt(p), "pattern expansion is not analysed")
}

// expansion is markSplit(offless(v), split) when drop is set, else markSplit(v,
// split), for part: its pieces are copied once, and not at all when none changes (the
// result may then share v's pieces, which parts copies as it concatenates them). A
// copy for each of the two was a tenth of the allocations of reading a script
// (BenchmarkReadDir).
func expansion(v value, drop, split bool) value {
	if !slices.ContainsFunc(v.pieces, func(p piece) bool { return drop && p.off != -1 || split && !p.split }) {
		return v
	}
	ps := make([]piece, len(v.pieces))
	for i, p := range v.pieces {
		if drop {
			p.off = -1
		}
		if split {
			p.split = true
		}
		ps[i] = p
	}
	v.pieces = ps
	return v
}

// offless drops source offsets: an expansion's text is not where its word is.
func offless(v value) value {
	ps := make([]piece, len(v.pieces))
	for i, p := range v.pieces {
		p.off = -1
		ps[i] = p
	}
	v.pieces = ps
	return v
}

func markSplit(v value, split bool) value {
	if !split {
		return v
	}
	ps := make([]piece, len(v.pieces))
	for i, p := range v.pieces {
		p.split = true
		ps[i] = p
	}
	v.pieces = ps
	return v
}

// lit evaluates literal text, undoing backslash escapes.
func (in *interp) lit(raw string, start, end int, quoted, first bool) value {
	text, exact, glob := unescape(raw, quoted)
	exact = exact && end-start == len(raw)
	if _, ok := in.src.hole(start, end); ok {
		if !exact {
			return unknownValue(in.src.text(start, end), "a <placeholder> must be replaced before the script runs")
		}
		return in.holed(raw, start, end)
	}
	if glob {
		return unknownValue("glob@"+strconv.Itoa(start), "an unquoted glob pattern expands to file names")
	}
	if !quoted && first && strings.HasPrefix(text, "~") {
		return unknownValue("~@"+strconv.Itoa(start), "tilde expansion depends on the environment")
	}
	off := start
	if !exact {
		off = -1
	}
	return in.knownValue(text, off)
}

// holed evaluates verbatim text at [start, end), with placeholders as unknown holes.
func (in *interp) holed(text string, start, end int) value {
	var out value
	if end-start != len(text) {
		if _, ok := in.src.hole(start, end); ok {
			return unknownValue(in.src.text(start, end), "a <placeholder> must be replaced before the script runs")
		}
		out.add(piece{text: text, off: -1})
		return out
	}
	pos := start
	for pos < end {
		h, ok := in.src.hole(pos, end)
		if !ok {
			out.add(piece{text: text[pos-start:], off: pos})
			break
		}
		if h.start > pos {
			out.add(piece{text: text[pos-start : h.start-start], off: pos})
		}
		out.concat(in.placeholder(h))
		pos = h.end
	}
	if len(out.pieces) == 0 {
		out.pieces = []piece{}
	}
	return out
}

func (in *interp) placeholder(h span) value {
	t := in.src.text(h.start, h.end)
	return unknownValue(t, "the placeholder "+t+" must be replaced before the script runs")
}

// unescape removes quoting backslashes. exact reports that nothing was removed; glob
// reports an unquoted, unescaped pattern character.
func unescape(s string, quoted bool) (text string, exact, glob bool) {
	if !strings.Contains(s, `\`) {
		if !quoted {
			glob = isGlob(s)
		}
		return s, true, glob
	}
	var b strings.Builder
	var plain strings.Builder // the unescaped characters, for glob detection
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			plain.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch {
		case n == '\n':
			i++
		case !quoted:
			b.WriteByte(n)
			plain.WriteByte('_')
			i++
		case n == '$' || n == '`' || n == '"' || n == '\\':
			b.WriteByte(n)
			i++
		default:
			b.WriteByte(c)
		}
	}
	if !quoted {
		glob = isGlob(plain.String())
	}
	return b.String(), false, glob
}

// isGlob reports a '*' or '?', or a '[' followed, not at once, by a ']'. One pass over
// the bytes: strings.ContainsAny was a tenth of reading a literal (BenchmarkReadDir).
func isGlob(s string) bool {
	open, closed := -1, false // the first '['; the first ']' after it was seen
	bracket := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?':
			return true
		case '[':
			if open < 0 {
				open = i
			}
		case ']':
			if open >= 0 && !closed {
				closed, bracket = true, i > open+1
			}
		}
	}
	return bracket
}

// lookup reads a variable or special parameter.
func (in *interp) lookup(name string, at syntax.Node) (value, varState) {
	var fr *frame
	if n := len(in.frames); n > 0 {
		fr = in.frames[n-1]
	}
	if n, err := strconv.Atoi(name); err == nil {
		switch {
		case n == 0:
			return unknownValue("$0", "$0 is the script's name"), varSet
		case fr == nil:
			return unknownValue("$"+name, "$"+name+" is an argument of the script"), varSet
		case n <= len(fr.args):
			return fr.args[n-1], varSet
		default:
			return value{}, varUnset
		}
	}
	switch name {
	case "#":
		if fr != nil {
			return knownValue(strconv.Itoa(len(fr.args)), -1), varSet
		}
		return unknownValue("$#", "$# is the number of script arguments"), varSet
	case "@", "*", "?", "$", "!", "-", "_":
		return unknownValue("$"+name+"@"+in.uidAt(at), "$"+name+" is only known at run time"), varSet
	}
	if v, ok := in.env.vars[name]; ok {
		return v, varSet
	}
	return unknownValue("$"+name, "$"+name+" is not set in the script"), varEnv
}

func (in *interp) paramExp(pe *syntax.ParamExp, quoted bool) value {
	if plainIndexed(pe) {
		return in.index(pe)
	}
	if pe.Param == nil || pe.Excl || pe.Width || pe.IsSet || pe.Index != nil || pe.Slice != nil ||
		pe.Repl != nil || pe.Names != 0 || pe.NestedParam != nil || pe.Flags != nil || len(pe.Modifiers) > 0 {
		return unknownValue("${@"+in.uidAt(pe), "this form of parameter expansion is not analysed")
	}
	name := pe.Param.Value
	v, st := in.lookup(name, pe)
	v = v.scalar()
	if pe.Length {
		if s, ok := v.known(); ok || st == varUnset {
			return knownValue(strconv.Itoa(utf8.RuneCountInString(s)), -1)
		}
		return unknownValue("${#"+name+"}@"+in.uidAt(pe), "the length of an unknown value")
	}
	if pe.Exp == nil {
		return v
	}
	op := pe.Exp.Op
	switch op {
	case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AssignUnset, syntax.AssignUnsetOrNull,
		syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
		colon := op == syntax.DefaultUnsetOrNull || op == syntax.AssignUnsetOrNull || op == syntax.AlternateUnsetOrNull
		unset := unk
		switch {
		case st == varEnv:
			// Never set in the script: it may come from the environment, so whether it
			// is set is not known. Both answers stay open; nothing is cut.
			uid := "${" + name + pe.Exp.Op.String()
			if pe.Exp.Word != nil {
				uid += in.src.text(int(pe.Exp.Word.Pos().Offset()), int(pe.Exp.Word.End().Offset()))
			}
			uid += "}"
			u := unknownValue(uid, "$"+name+" is not set in the script, so whether "+in.src.text(int(pe.Pos().Offset()), int(pe.End().Offset()))+" gives its value or the default is not known")
			if op == syntax.AssignUnset || op == syntax.AssignUnsetOrNull {
				in.assign(name, u, pe, false)
			}
			return u
		case st == varUnset:
			unset = yes
		case !colon:
			unset = no
		default:
			if s, ok := v.known(); ok {
				unset = triOf(s == "")
			} else if hasText(v) {
				unset = no
			}
		}
		alt := op == syntax.AlternateUnset || op == syntax.AlternateUnsetOrNull
		if alt {
			unset = unset.not()
		}
		switch unset {
		case yes:
			var d value
			if pe.Exp.Word != nil {
				d = in.parts(pe.Exp.Word.Parts, quoted)
			}
			if op == syntax.AssignUnset || op == syntax.AssignUnsetOrNull {
				in.assign(name, d, pe, false)
			}
			return d
		case no:
			if alt {
				return value{}
			}
			return v
		default:
		}
		return unknownValue("${"+name+"}@"+in.uidAt(pe), "$"+name+" may or may not be empty")
	case syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		return v
	case syntax.UpperAll, syntax.LowerAll, syntax.UpperFirst, syntax.LowerFirst:
		if pe.Exp.Word != nil {
			break
		}
		return caseMap(v, op)
	case syntax.RemSmallSuffix, syntax.RemLargeSuffix, syntax.RemSmallPrefix, syntax.RemLargePrefix:
		s, ok := v.known()
		pat, pok := in.pattern(pe.Exp.Word)
		if !ok || !pok || len(s) > 4096 {
			break
		}
		out := knownValue(trimPattern(s, pat, op), -1)
		out.from = v.from
		return out
	default:
	}
	return unknownValue("${@"+in.uidAt(pe), "this form of parameter expansion is not analysed")
}

// pattern evaluates a ${X#pattern} word, keeping * and ? as pattern characters.
// Quoted or escaped pattern characters (literal matches) are not analysed.
func (in *interp) pattern(w *syntax.Word) (string, bool) {
	if w == nil {
		return "", true
	}
	if hasQuotes(w) || strings.Contains(in.src.text(int(w.Pos().Offset()), int(w.End().Offset())), `\`) {
		s, ok := in.value(w).known()
		return s, ok && !strings.ContainsAny(s, "*?[")
	}
	s, ok := in.parts(w.Parts, true).known()
	return s, ok && !strings.Contains(s, "[")
}

func hasText(v value) bool {
	for _, p := range v.pieces {
		if !p.unknown && p.text != "" {
			return true
		}
	}
	return false
}

func caseMap(v value, op syntax.ParExpOperator) value {
	out := value{from: v.from}
	for i, p := range v.pieces {
		if !p.unknown {
			switch op {
			case syntax.UpperAll:
				p.text = strings.ToUpper(p.text)
			case syntax.LowerAll:
				p.text = strings.ToLower(p.text)
			case syntax.UpperFirst, syntax.LowerFirst:
				if i == 0 && p.text != "" {
					r, n := utf8.DecodeRuneInString(p.text)
					if op == syntax.UpperFirst {
						r = unicode.ToUpper(r)
					} else {
						r = unicode.ToLower(r)
					}
					p.text = string(r) + p.text[n:]
				}
			default:
			}
			p.off = -1
		} else if op == syntax.UpperAll || op == syntax.LowerAll || i == 0 {
			p.uid += "^" + op.String()
		}
		out.pieces = append(out.pieces, p)
	}
	return out
}

// trimPattern applies ${s#pat}, ${s##pat}, ${s%pat}, ${s%%pat}.
func trimPattern(s, pat string, op syntax.ParExpOperator) string {
	switch op {
	case syntax.RemSmallPrefix:
		for i := 0; i <= len(s); i++ {
			if globMatch(pat, s[:i]) {
				return s[i:]
			}
		}
	case syntax.RemLargePrefix:
		for i := len(s); i >= 0; i-- {
			if globMatch(pat, s[:i]) {
				return s[i:]
			}
		}
	case syntax.RemSmallSuffix:
		for i := len(s); i >= 0; i-- {
			if globMatch(pat, s[i:]) {
				return s[:i]
			}
		}
	case syntax.RemLargeSuffix:
		for i := 0; i <= len(s); i++ {
			if globMatch(pat, s[i:]) {
				return s[:i]
			}
		}
	default:
	}
	return s
}

// globMatch matches a shell pattern with * and ? (no bracket classes) against s.
func globMatch(pat, s string) bool {
	px, sx := 0, 0
	starP, starS := -1, 0
	for sx < len(s) {
		switch {
		case px < len(pat) && (pat[px] == '?' || pat[px] == s[sx]):
			px++
			sx++
		case px < len(pat) && pat[px] == '*':
			starP, starS = px, sx
			px++
		case starP >= 0:
			px = starP + 1
			starS++
			sx = starS
		default:
			return false
		}
	}
	for px < len(pat) && pat[px] == '*' {
		px++
	}
	return px == len(pat)
}

// cmdSubst analyses $(...) and `...`: the commands inside run in a subshell (the
// resources they create count), and the result is unknown unless the command is one
// whose output the extractor understands (a resource ID query).
func (in *interp) cmdSubst(cs *syntax.CmdSubst) value {
	uid := "$(...)@" + in.uidAt(cs)
	if in.pure {
		return unknownValue(uid, "the output of a command substitution is only known at run time")
	}
	saved := in.output
	in.output = nil
	in.subshell(func() { in.stmts(cs.Stmts) })
	out := in.output
	in.output = saved
	v := unknownValue(uid, "the output of a command substitution is only known at run time")
	if out != nil && len(cs.Stmts) == 1 {
		v.ref = out.ref
		v.from = out.from
	}
	return v
}
