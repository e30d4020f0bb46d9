package arm

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// TestUnderReadsAsAtTheJoinedPointer: strUnder, intUnder and boolUnder give what str,
// integer and boolean give at base/field, with the same locations and unresolved
// values, and nothing for an absent property.
func TestUnderReadsAsAtTheJoinedPointer(t *testing.T) {
	tmpl := `{"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {
		"s": "text", "e": "", "n": 3, "b": true, "u": "[reference('x').y]", "bad": [1]}}]}`
	extractor := func() (*extractor, armeval.Value) {
		src, root, err := jsonsrc.Parse("t.json", []byte(tmpl))
		if err != nil {
			t.Fatal(err)
		}
		ev := armeval.Evaluate(src, root, armeval.Options{})
		x := &extractor{ev: ev, b: build.New("t.json", netdoc.KindARM)}
		props := ev.Get(ev.Body(ev.Resources()[0]), "properties")
		return x, props
	}
	for _, name := range []string{"s", "e", "n", "b", "u", "bad", "absent"} {
		xa, pa := extractor()
		xb, pb := extractor()
		va, vb := xa.ev.Get(pa, name), xb.ev.Get(pb, name)
		s1, _ := xa.str(va, "/c/0/"+name)
		if s2 := xb.strUnder(vb, "/c/0", name); s1 != s2 || !reflect.DeepEqual(xa.b.Locs, xb.b.Locs) || !reflect.DeepEqual(xa.b.Doc.Unresolved, xb.b.Doc.Unresolved) {
			t.Errorf("%s: strUnder %q %v %v, str %q %v %v", name, s2, xb.b.Locs, xb.b.Doc.Unresolved, s1, xa.b.Locs, xa.b.Doc.Unresolved)
		}
		i1, i2 := xa.integer(va, "/c/0/i"+name), xb.intUnder(vb, "/c/0", "i"+name)
		b1, b2 := xa.boolean(va, "/c/0/b"+name), xb.boolUnder(vb, "/c/0", "b"+name)
		if !reflect.DeepEqual(i1, i2) || !reflect.DeepEqual(b1, b2) || !reflect.DeepEqual(xa.b.Locs, xb.b.Locs) || !reflect.DeepEqual(xa.b.Doc.Unresolved, xb.b.Doc.Unresolved) {
			t.Errorf("%s: intUnder/boolUnder %v %v %v, integer/boolean %v %v %v", name, i2, b2, xb.b.Locs, i1, b1, xa.b.Locs)
		}
	}
}
