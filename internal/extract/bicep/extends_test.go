package bicep

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// TestExtends: a .bicepparam file that extends another takes the parameters the
// other sets unless it sets them itself, the nearest file first along a chain; each
// file's values are read with its own variables; base.name is the base files'
// value; a base that cannot be read makes every parameter the entry file does not
// set unknown, never the template's default; a cycle is an error.
func TestExtends(t *testing.T) {
	const tmpl = "param a string = 'default-a'\nparam b string = 'default-b'\nparam c string = 'default-c'\nparam tags object = {}\nparam list array = []\n"
	cases := []struct {
		name   string
		params string
		files  map[string]string
		// want are the compiled values, by parameter (or variables.name): exactly,
		// or containing it after a "~".
		want map[string]string
		err  string
	}{
		{"nearest file wins", "using 'main.bicep'\nextends 'base.bicepparam'\nparam a = 'main-a'\n",
			map[string]string{"base.bicepparam": "using none\nparam a = 'base-a'\nparam b = 'base-b'\n"},
			map[string]string{"a": "main-a", "b": "base-b", "c": "default-c"}, ""},
		{"a base reads its own values, not the ones that override them", "using 'main.bicep'\nextends 'base.bicepparam'\nparam a = 'main-a'\n",
			map[string]string{"base.bicepparam": "using none\nparam a = 'base-a'\nvar x = a\nparam b = x\n"},
			map[string]string{"a": "main-a", "b": "[variables('__bicepparam_1_x')]", "variables.__bicepparam_1_x": "['base-a']"}, ""},
		{"a parameter named in another case", "using 'main.bicep'\nparam A = 'upper'\n", nil,
			map[string]string{"a": "upper"}, ""},
		{"a chain, each with its own variables", "using 'main.bicep'\nextends 'mid.bicepparam'\nvar v = 'main'\nparam a = v\n",
			map[string]string{
				"mid.bicepparam":  "using none\nextends 'base.bicepparam'\nvar v = 'mid'\nparam b = '${v}-b'\n",
				"base.bicepparam": "using none\nvar v = 'base'\nparam b = 'x'\nparam c = '${v}-c'\n",
			},
			map[string]string{"a": "[variables('__bicepparam_v')]", "b": "[format('{0}-b', variables('__bicepparam_1_v'))]", "c": "[format('{0}-c', variables('__bicepparam_2_v'))]",
				"variables.__bicepparam_v": "main", "variables.__bicepparam_1_v": "mid", "variables.__bicepparam_2_v": "base"}, ""},
		{"base.name", "using 'main.bicep'\nextends 'base.bicepparam'\nparam tags = union(base.tags, { env: 'prod' })\nparam a = base.nope\nparam list = [...base.list, 'z']\n",
			map[string]string{"base.bicepparam": "using none\nparam tags = { owner: 'net' }\nparam list = ['y']\n"},
			map[string]string{"tags": "[union(createObject('owner', 'net'), createObject('env', 'prod'))]", "a": "~base.nope is not set by the base parameter file",
				"list": "[flatten(createArray(createArray('y'), createArray('z')))]"}, ""},
		{"a base not read", "using 'main.bicep'\nextends 'gone.bicepparam'\nparam a = 'main-a'\nparam tags = base.tags\n", nil,
			map[string]string{"a": "main-a", "b": "~parameter b may be set by gone.bicepparam, which cannot be read", "tags": "~base.tags comes from gone.bicepparam, which cannot be read"}, ""},
		{"a base that is no parameter file", "using 'main.bicep'\nextends 'main.bicep'\n", nil, nil, "extends names a parameter file (.bicepparam), not main.bicep"},
		{"a cycle", "using 'main.bicep'\nextends 'base.bicepparam'\n",
			map[string]string{"base.bicepparam": "using none\nextends 'main.bicepparam'\n"},
			nil, "parameter files extend each other in a cycle: main.bicepparam -> base.bicepparam -> main.bicepparam"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"main.bicepparam": tc.params}
			for k, v := range tc.files {
				files[k] = v
			}
			load := func(from, rel string) (string, []byte, error) {
				src, ok := files[rel]
				if !ok {
					return "", nil, fs.ErrNotExist
				}
				return rel, []byte(src), nil
			}
			pf, err := ParseParamFile("main.bicepparam", []byte(tc.params))
			if err != nil {
				t.Fatal(err)
			}
			out, _, _, err := Compile("main.bicep", []byte(tmpl), pf, load)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.want {
				path := "parameters." + name + ".defaultValue"
				if strings.HasPrefix(name, "variables.") {
					path = name
				}
				got := gjson.GetBytes(out, path).String()
				if part, ok := strings.CutPrefix(want, "~"); ok && !strings.Contains(got, part) || !ok && got != want {
					t.Errorf("%s: %s, want %s", name, got, want)
				}
			}
		})
	}
}
