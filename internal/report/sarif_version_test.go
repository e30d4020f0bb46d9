package report

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// SARIF2005 (the SARIF validator) wants a tool version that starts with a number.
func TestSARIFToolVersion(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"1.2.3-test":   "1.2.3-test",
		"v1.2.3":       "1.2.3",
		"v0.4.0-rc.1":  "0.4.0-rc.1",
		"devel":        "0.0.0-devel",
		"test":         "0.0.0-test",
		"vnext":        "0.0.0-vnext",
		"(devel)":      "0.0.0-(devel)",
		"2026.01.02":   "2026.01.02",
		"v":            "0.0.0-v",
		"0.0.0-abcdef": "0.0.0-abcdef",
	} {
		if got := sarifToolVersion(in); got != want {
			t.Errorf("sarifToolVersion(%q) = %q, want %q", in, got, want)
		}
	}
	out := render(t, "sarif", fixture(), Options{ToolVersion: "devel", ReadFile: readSource})
	if !strings.Contains(out, `"version": "0.0.0-devel"`) {
		t.Error(`ToolVersion "devel" is not written as 0.0.0-devel`)
	}
}

// TestSARIFNoDefaults checks that the log carries no "unset" values: no -1 index sentinels,
// no null, no empty arrays or objects but the results and rules arrays of an empty run, and
// no properties that only restate a default. Microsoft's SARIF validator flags those
// (SARIF2004) and they double the size of the log.
func TestSARIFNoDefaults(t *testing.T) {
	for name, r := range map[string]Report{"fixture": fixture(), "empty": {Rules: registry()}} {
		var doc any
		if err := json.Unmarshal([]byte(render(t, "sarif", r, testOptions())), &doc); err != nil {
			t.Fatal(err)
		}
		var walk func(p string, v any)
		walk = func(p string, v any) {
			switch v := v.(type) {
			case nil:
				t.Errorf("%s: %s is null", name, p)
			case float64:
				if v < 0 {
					t.Errorf("%s: %s = %v", name, p, v)
				}
			case []any:
				if len(v) == 0 && !strings.HasSuffix(p, "/results") && !strings.HasSuffix(p, "/rules") {
					t.Errorf("%s: %s is an empty array", name, p)
				}
				for i, e := range v {
					walk(p+"/"+strconv.Itoa(i), e)
				}
			case map[string]any:
				if len(v) == 0 {
					t.Errorf("%s: %s is an empty object", name, p)
				}
				for k, e := range v {
					switch {
					case k == "kind" && e == "fail", k == "enabled" && e == true,
						k == "language", k == "isComprehensive", k == "contents", k == "newlineSequences":
						t.Errorf("%s: %s/%s = %v restates a default", name, p, k, e)
					}
					walk(p+"/"+k, e)
				}
			}
		}
		walk("", doc)
	}
}
