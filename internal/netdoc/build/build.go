// Package build writes a network document and its location table, the one way every
// extractor does: a value it read is assigned and located, a value it cannot know is
// listed as unresolved with its expression and reason (and located), and a value the
// input does not state is left absent for the defaults of internal/effective.
// Extractors never fill defaults themselves.
package build

import (
	"strconv"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// State is what an extractor knows of a value.
type State uint8

// States of a value.
const (
	// Absent: the input does not state it; internal/effective may fill its default.
	Absent State = iota
	// Known: stated, and its value known statically.
	Known
	// Unknown: stated, but its value is not known statically; it is never defaulted.
	Unknown
)

// Value is one document value as an extractor read it.
type Value[T any] struct {
	State State
	V     T
	// At is where the value (or the expression that was not known) is written.
	At netdoc.Located
	// Expr and Reason say, for an Unknown value, what was written and why it is not known.
	Expr, Reason string
}

// Of is a known value read at at.
func Of[T any](v T, at netdoc.Located) Value[T] { return Value[T]{State: Known, V: v, At: at} }

// NotKnown is a value stated by the expression expr, not known for reason.
func NotKnown[T any](expr, reason string, at netdoc.Located) Value[T] {
	return Value[T]{State: Unknown, Expr: expr, Reason: reason, At: at}
}

// Item is one element of a list value, with its own location.
type Item struct {
	S  string
	At netdoc.Located
}

// List is a list value whose elements are located one by one.
type List = Value[[]Item]

// NotWritten is the expression of an unresolved value that the input does not write
// out (a value computed from others).
const NotWritten = "(not written)"

// Builder writes one document and its location table.
type Builder struct {
	Doc  *netdoc.Document
	Locs netdoc.Locations
	// unresolved are the pointers listed in Doc.Unresolved through the builder.
	unresolved map[string]bool
	// peerings wait for LinkPeerings.
	peerings []PeeringLink
}

// New starts the document of file, of input kind kind.
func New(file string, kind netdoc.Kind) *Builder {
	return &Builder{Doc: netdoc.New(file, kind), Locs: netdoc.Locations{}, unresolved: map[string]bool{}}
}

// Result is the document and its location table.
func (b *Builder) Result() (*netdoc.Document, netdoc.Locations) { return b.Doc, b.Locs }

// Locate records that the value at pointer is written at at; a zero location (a value
// with no place in the source) is not recorded, so the pointer resolves to its parent.
func (b *Builder) Locate(pointer string, at netdoc.Located) {
	if !at.IsZero() {
		b.Locs[pointer] = at
	}
}

// Unknown lists the value at pointer as unresolved: stated by expr (NotWritten when
// empty) and not known for reason, located at at. A pointer is listed once: the first
// reason stands, and Unknown reports whether this call listed it. The document itself
// (pointer "": a part of the input not read, such as a linked template) is listed once
// per place and reason, since each is a part of its own.
func (b *Builder) Unknown(pointer, expr, reason string, at netdoc.Located) bool {
	key := pointer
	if pointer == "" {
		key = "\x00" + expr + "\x00" + reason + "\x00" + at.File + ":" + strconv.Itoa(at.Line) + ":" + strconv.Itoa(at.Column)
	}
	if b.unresolved[key] {
		return false
	}
	b.unresolved[key] = true
	if expr == "" {
		expr = NotWritten
	}
	u := netdoc.Unresolved{Pointer: pointer, Expression: expr, Reason: reason}
	if pointer == "" {
		if !at.IsZero() {
			u.At = &at
		}
	} else {
		b.Locate(pointer, at)
	}
	b.Doc.Unresolved = append(b.Doc.Unresolved, u)
	return true
}

// IsUnknown reports whether pointer was listed as unresolved through Unknown.
func (b *Builder) IsUnknown(pointer string) bool { return b.unresolved[pointer] }

// Put writes v at pointer: a Known value is assigned and located, an Unknown one is
// listed as unresolved (and located), an Absent one is left for the defaults.
func Put[T any](b *Builder, pointer string, v Value[T], assign func(T)) {
	switch v.State {
	case Known:
		assign(v.V)
		b.Locate(pointer, v.At)
	case Unknown:
		b.Unknown(pointer, v.Expr, v.Reason, v.At)
	case Absent:
	}
}

// PutAt is Put at pointer base+field, the pointer joined only when v is stated: a
// document's writer names every field it may write, and most are absent from a small
// input (their pointers were a tenth of building an az CLI script's document,
// BenchmarkReadDir in internal/lint).
func PutAt[T any](b *Builder, base, field string, v Value[T], assign func(T)) {
	if v.State != Absent {
		Put(b, base+field, v, assign)
	}
}

// PutListAt is PutList at pointer base+field, joined only when v is stated.
func PutListAt(b *Builder, base, field string, v List, assign func([]string)) {
	if v.State != Absent {
		PutList(b, base+field, v, assign)
	}
}

// PutList writes a list value as Put does, and locates each known element at
// pointer/<i>.
func PutList(b *Builder, pointer string, v List, assign func([]string)) {
	Put(b, pointer, v, func(items []Item) {
		ss := make([]string, len(items))
		for i, it := range items {
			ss[i] = it.S
			b.Locate(pointer+"/"+strconv.Itoa(i), it.At)
		}
		assign(ss)
	})
}

// Unset records that the input states the value at pointer is not set (az aks create
// --service-principal: no managed identity), so that no default fills it.
func (b *Builder) Unset(pointer string) {
	b.Doc.Unset = append(b.Doc.Unset, pointer)
}
