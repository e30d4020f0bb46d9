package engine

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/parallel"
)

// Building the input of one large document on two goroutines. The input is the
// document converted (toValue), its labels computed and converted, and its derived
// facts computed (derive.Compute) and converted. The facts are computed in steps
// (derive.Begin): a helper parses the document's ranges while the calling goroutine
// converts the document and the labels, then both run the steps in turn, and the one
// that runs the last step makes the parts of the facts. The rest is cut into parts,
// each of which converts one field of the document or of the facts (or computes and
// converts the labels), and which both goroutines take in turn from shared lists: the
// caller the document's parts first, the helper the facts' parts once the steps are
// done, each then the other list's. The largest parts are taken first, so the two
// goroutines finish within about one part's time of each other, whatever the
// document's shape (BenchmarkPolicyInputHub, BenchmarkPolicyInputLargestHub). Each
// goroutine has its own converter; the parts' values are assembled into the objects
// toValue makes, field by field in the same order, once both have stopped
// (TestBalancedInputIsTheSequentialOne compares the two builds, under -race).

// inputPart is one part of a balanced build: run converts one value into term, with
// the converter of the goroutine that takes it.
type inputPart struct {
	name string // the field's JSON name, or "labels" (testHookInputPart)
	size int    // how many values it converts, about: the largest parts go first
	run  func(c *converter)
	term *ast.Term
}

// partList is parts taken in turn by several goroutines.
type partList struct {
	parts []*inputPart
	next  atomic.Int32
}

// take returns the next part, or nil when every part is taken.
func (l *partList) take() *inputPart {
	i := int(l.next.Add(1) - 1)
	if i >= len(l.parts) {
		return nil
	}
	return l.parts[i]
}

// fieldParts is a part for each field of the struct v that toValue writes (not one
// omitempty leaves out), in field order, and the fields.
func fieldParts(v reflect.Value) ([]*inputPart, []field) {
	fields := fieldsOf(v.Type())
	var parts []*inputPart
	var kept []field
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		p := &inputPart{name: f.name, size: 1}
		if k := fv.Kind(); k == reflect.Map || k == reflect.Slice || k == reflect.Array {
			p.size = max(fv.Len(), 1)
		}
		p.run = func(c *converter) { p.term = c.toTerm(fv) }
		parts = append(parts, p)
		kept = append(kept, f)
	}
	return parts, kept
}

// largestFirst orders parts by size, the largest first, keeping the order of equal
// ones.
func largestFirst(parts []*inputPart) []*inputPart {
	sorted := slices.Clone(parts)
	slices.SortStableFunc(sorted, func(a, b *inputPart) int { return cmp.Compare(b.size, a.size) })
	return sorted
}

// assemble is the object of the fields whose values parts hold, in field order, with
// room for extra members more.
func assemble(fields []field, parts []*inputPart, extra int) ast.Object {
	obj := ast.NewObjectWithCapacity(len(fields) + extra)
	for i, f := range fields {
		obj.Insert(f.key, parts[i].term)
	}
	return obj
}

// balancedInput is inputValue for a large document with a core idle: the same value,
// built on the calling goroutine and one helper. A panic of either is raised again
// on the calling goroutine once both have stopped, the caller's first.
func (e *Engine) balancedInput(in Input) (ast.Value, map[string]string) {
	doc := reflect.ValueOf(in.Doc).Elem()
	docParts, docFields := fieldParts(doc)
	var labels map[string]string
	labelsPart := &inputPart{name: "labels", size: 1}
	labelsPart.run = func(c *converter) {
		labels = Labels(in.Doc, in.Locs)
		labelsPart.term = c.toTerm(reflect.ValueOf(labels))
	}
	docList := &partList{parts: append([]*inputPart{labelsPart}, largestFirst(docParts)...)}

	var (
		stepList   partList     // derive's steps, ready when begun is closed
		stepsLeft  atomic.Int32 // the steps not yet run: the goroutine that runs the last makes factList
		factList   partList     // ready when computed is closed
		factParts  []*inputPart
		factFields []field
		begun      = make(chan struct{})
		computed   = make(chan struct{})
		stopped    atomic.Bool // a goroutine panicked: the other takes no more parts
	)
	closeBegun, closeComputed := sync.OnceFunc(func() { close(begun) }), sync.OnceFunc(func() { close(computed) })
	// stop, after a panic, lets the other goroutine past its waits, with no more parts.
	stop := func() {
		stopped.Store(true)
		closeBegun()
		closeComputed()
	}
	drain := func(c *converter, l *partList) {
		for p := l.take(); p != nil && !stopped.Load(); p = l.take() {
			if testHookInputPart != nil {
				testHookInputPart(p.name)
			}
			p.run(c)
		}
	}
	begin := func() {
		if testHookInputPart != nil {
			testHookInputPart("derive")
		}
		comp := derive.Begin(in.Doc)
		stepsLeft.Store(int32(len(comp.Steps)))
		for i, step := range comp.Steps {
			stepList.parts = append(stepList.parts, &inputPart{name: fmt.Sprintf("derive %d", i), run: func(*converter) {
				step()
				if stepsLeft.Add(-1) == 0 {
					factParts, factFields = fieldParts(reflect.ValueOf(comp.Facts()).Elem())
					factList.parts = largestFirst(factParts)
					closeComputed()
				}
			}})
		}
		closeBegun()
	}
	var helperPanic any
	var wg sync.WaitGroup
	e.busy.Add(1)
	wg.Add(1)
	parallel.Aside(func() {
		defer wg.Done()
		defer e.busy.Add(-1)
		defer func() {
			if r := recover(); r != nil {
				helperPanic = r
				stop()
			}
		}()
		var c converter
		begin()
		drain(&c, &stepList)
		<-computed
		drain(&c, &factList)
		drain(&c, docList)
	})
	var callerPanic any
	func() {
		defer func() {
			if r := recover(); r != nil {
				callerPanic = r
				stop()
			}
		}()
		var c converter
		drain(&c, docList)
		<-begun
		drain(&c, &stepList)
		<-computed
		drain(&c, &factList)
	}()
	wg.Wait()
	if callerPanic != nil {
		panic(callerPanic)
	}
	if helperPanic != nil {
		panic(helperPanic)
	}
	obj := assemble(docFields, docParts, 2)
	obj.Insert(ast.StringTerm("labels"), labelsPart.term)
	obj.Insert(ast.StringTerm("derived"), ast.NewTerm(assemble(factFields, factParts, 0)))
	return obj, labels
}

// testHookInputPart, when a test sets it, runs before each part of a balanced build
// (to make one panic).
var testHookInputPart func(name string)
