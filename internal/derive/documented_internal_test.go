package derive

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestSettingFieldsAreTheirJSONNames: networkProfileSetting and nodePoolSetting read,
// for each documented setting, the field whose JSON name is the setting's (the key the
// rule reads), and that field alone.
func TestSettingFieldsAreTheirJSONNames(t *testing.T) {
	// withField is a zero T with the string field JSON-named name set to "x".
	withField := func(typ reflect.Type, name string) reflect.Value {
		v := reflect.New(typ)
		for i := range typ.NumField() {
			if tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ","); tag == name {
				v.Elem().Field(i).SetString("x")
				return v
			}
		}
		t.Fatalf("%s has no field named %s in JSON", typ, name)
		return v
	}
	for name := range DocumentedNetworkProfile {
		np := withField(reflect.TypeFor[netdoc.NetworkProfile](), name).Interface().(*netdoc.NetworkProfile)
		for other := range DocumentedNetworkProfile {
			if got, want := networkProfileSetting(np, other), map[bool]string{true: "x"}[other == name]; got != want {
				t.Errorf("with %s set, networkProfileSetting(%s) = %q, want %q", name, other, got, want)
			}
		}
	}
	for name := range DocumentedNodePool {
		p := withField(reflect.TypeFor[netdoc.NodePool](), name).Interface().(*netdoc.NodePool)
		for other := range DocumentedNodePool {
			if got, want := nodePoolSetting(p, other), map[bool]string{true: "x"}[other == name]; got != want {
				t.Errorf("with %s set, nodePoolSetting(%s) = %q, want %q", name, other, got, want)
			}
		}
	}
}
