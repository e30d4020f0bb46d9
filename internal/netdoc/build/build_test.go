package build

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func at(line int) netdoc.Located {
	return netdoc.Located{Location: netdoc.Location{File: "f", Line: line, Column: 1}}
}

func TestPut(t *testing.T) {
	cases := []struct {
		name       string
		v          Value[string]
		assigned   string
		located    bool
		unresolved []netdoc.Unresolved
	}{
		{name: "known", v: Of("azure", at(3)), assigned: "azure", located: true, unresolved: []netdoc.Unresolved{}},
		{name: "known without a place in the source", v: Of("azure", netdoc.Located{}), assigned: "azure", unresolved: []netdoc.Unresolved{}},
		{name: "unknown", v: NotKnown[string]("$PLUGIN", "PLUGIN is not set", at(4)), located: true,
			unresolved: []netdoc.Unresolved{{Pointer: "/p", Expression: "$PLUGIN", Reason: "PLUGIN is not set"}}},
		{name: "unknown, nothing written", v: NotKnown[string]("", "computed", netdoc.Located{}),
			unresolved: []netdoc.Unresolved{{Pointer: "/p", Expression: NotWritten, Reason: "computed"}}},
		{name: "absent", v: Value[string]{}, unresolved: []netdoc.Unresolved{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := New("f", netdoc.KindAzCLI)
			got := ""
			Put(b, "/p", c.v, func(s string) { got = s })
			if got != c.assigned {
				t.Errorf("assigned %q, want %q", got, c.assigned)
			}
			if _, ok := b.Locs["/p"]; ok != c.located {
				t.Errorf("located %v, want %v", ok, c.located)
			}
			if !reflect.DeepEqual(b.Doc.Unresolved, c.unresolved) {
				t.Errorf("unresolved %+v, want %+v", b.Doc.Unresolved, c.unresolved)
			}
			if len(b.Doc.Defaulted) != 0 {
				t.Errorf("the builder filled defaults: %v", b.Doc.Defaulted)
			}
		})
	}
}

func TestPutListLocatesEachElement(t *testing.T) {
	b := New("f", netdoc.KindARM)
	var got []string
	PutList(b, "/l", Of([]Item{{S: "10.0.0.0/16", At: at(2)}, {S: "10.1.0.0/16"}}, at(1)), func(ss []string) { got = ss })
	if !reflect.DeepEqual(got, []string{"10.0.0.0/16", "10.1.0.0/16"}) {
		t.Errorf("assigned %v", got)
	}
	want := netdoc.Locations{"/l": at(1), "/l/0": at(2)}
	if !reflect.DeepEqual(b.Locs, want) {
		t.Errorf("locations %v, want %v", b.Locs, want)
	}
}

func TestUnknownOncePerPointer(t *testing.T) {
	b := New("f", netdoc.KindARM)
	if !b.Unknown("/p", "x", "first", at(1)) {
		t.Fatal("first Unknown not listed")
	}
	if b.Unknown("/p", "y", "second", at(2)) {
		t.Error("second Unknown of the same pointer listed")
	}
	if !b.IsUnknown("/p") || b.IsUnknown("/q") {
		t.Error("IsUnknown does not tell the listed pointer")
	}
	want := []netdoc.Unresolved{{Pointer: "/p", Expression: "x", Reason: "first"}}
	if !reflect.DeepEqual(b.Doc.Unresolved, want) || b.Locs["/p"].Line != 1 {
		t.Errorf("unresolved %+v at %v, want %+v at line 1", b.Doc.Unresolved, b.Locs["/p"], want)
	}
}

func TestUnset(t *testing.T) {
	b := New("f", netdoc.KindAzCLI)
	b.Unset("/clusters/0/identity/type")
	doc, _ := b.Result()
	if !reflect.DeepEqual(doc.Unset, []string{"/clusters/0/identity/type"}) {
		t.Errorf("unset %v", doc.Unset)
	}
}

// TestUnknownOfTheDocument: entries of the document itself (pointer "") are listed once
// per place and reason, each located on its own, and not in the location table (whose
// "" entry would locate every unlocated value).
func TestUnknownOfTheDocument(t *testing.T) {
	b := New("f", netdoc.KindARM)
	first := b.Unknown("", "[parameters('a')]", "the linked template's path is not known", at(8))
	second := b.Unknown("", "[parameters('b')]", "the linked template's path is not known", at(12))
	again := b.Unknown("", "[parameters('b')]", "the linked template's path is not known", at(12))
	if !first || !second || again {
		t.Errorf("listed: %v %v %v, want true true false", first, second, again)
	}
	if len(b.Doc.Unresolved) != 2 || b.Doc.Unresolved[0].At.Line != 8 || b.Doc.Unresolved[1].At.Line != 12 {
		t.Fatalf("unresolved %+v", b.Doc.Unresolved)
	}
	if _, located := b.Locs[""]; located {
		t.Error("the document's entry was written to the location table")
	}
}

// TestPutAtIsPutAtTheJoinedPointer: PutAt and PutListAt write what Put and PutList
// write at base+field, and nothing for an absent value.
func TestPutAtIsPutAtTheJoinedPointer(t *testing.T) {
	at := netdoc.Located{Location: netdoc.Location{File: "f", Line: 3, Column: 4}}
	for _, v := range []Value[string]{{}, Of("x", at), NotKnown[string]("$X", "not set", at)} {
		want, got := New("f", netdoc.KindAzCLI), New("f", netdoc.KindAzCLI)
		var ws, gs string
		Put(want, "/clusters/0/name", v, func(s string) { ws = s })
		PutAt(got, "/clusters/0", "/name", v, func(s string) { gs = s })
		if ws != gs || !reflect.DeepEqual(want.Locs, got.Locs) || !reflect.DeepEqual(want.Doc, got.Doc) {
			t.Errorf("PutAt(%+v): %q %v %+v, want %q %v %+v", v, gs, got.Locs, got.Doc.Unresolved, ws, want.Locs, want.Doc.Unresolved)
		}
	}
	for _, v := range []List{{}, Of([]Item{{S: "10.0.0.0/16", At: at}}, at), NotKnown[[]Item]("$P", "not set", at)} {
		want, got := New("f", netdoc.KindAzCLI), New("f", netdoc.KindAzCLI)
		var ws, gs []string
		PutList(want, "/subnets/0/addressPrefixes", v, func(ss []string) { ws = ss })
		PutListAt(got, "/subnets/0", "/addressPrefixes", v, func(ss []string) { gs = ss })
		if !reflect.DeepEqual(ws, gs) || !reflect.DeepEqual(want.Locs, got.Locs) || !reflect.DeepEqual(want.Doc, got.Doc) {
			t.Errorf("PutListAt(%+v): %v %v, want %v %v", v, gs, got.Locs, ws, want.Locs)
		}
	}
}
