package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestRootRelativePaths: with a root, SARIF and GitHub annotations name files relative
// to it, whichever directory the run started from, and so do the fingerprints; SARIF
// says where the root was; text and JSON keep the paths as given.
func TestRootRelativePaths(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "infra")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "shared.json")
	report := func(file, related string) Report {
		return Report{Rules: fixture().Rules, Findings: []finding.Finding{{
			RuleID: "AKSNET102", Rule: "service-cidr-overlaps-subnet", Level: finding.Error, Message: "m",
			Location: netdoc.Location{File: file, Line: 3, Column: 5}, LogicalLocation: "clusters[aks]/networkProfile/serviceCidrs/0",
			Related: []netdoc.Related{{Location: netdoc.Location{File: related, Line: 7, Column: 1}, Message: "subnet"}},
		}}}
	}
	type run struct {
		dir, file, related string
	}
	sch := sarifSchema(t) // before leaving the package directory
	var fingerprints []string
	for _, r := range []run{
		{root, "infra/aks.json", "infra/vnet.json"},
		{sub, "aks.json", "vnet.json"},
		{filepath.Join(root, "docs"), "../infra/aks.json", "../infra/vnet.json"},
		{sub, filepath.Join(sub, "aks.json"), outside},
	} {
		if err := os.MkdirAll(r.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Chdir(r.dir)
		opt := testOptions()
		opt.Root = root
		rep := report(r.file, r.related)
		out := render(t, "sarif", rep, opt)
		if err := validateSARIF(t, sch, out); err != nil {
			t.Fatalf("from %s: %v", r.dir, err)
		}
		var log struct {
			Runs []struct {
				OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
				Results            []struct {
					Locations, RelatedLocations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						} `json:"physicalLocation"`
					}
					PartialFingerprints map[string]string `json:"partialFingerprints"`
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file://"+filepath.ToSlash(root)+"/"; got != want {
			t.Errorf("from %s: %%SRCROOT%% = %q, want %q", r.dir, got, want)
		}
		res := run.Results[0]
		if a := res.Locations[0].PhysicalLocation.ArtifactLocation; a.URI != "infra/aks.json" || a.URIBaseID != "%SRCROOT%" {
			t.Errorf("from %s, %s: %+v", r.dir, r.file, a)
		}
		related := res.RelatedLocations[0].PhysicalLocation.ArtifactLocation
		if r.related == outside {
			if related.URI != "file://"+filepath.ToSlash(outside) || related.URIBaseID != "" {
				t.Errorf("a file outside the root: %+v", related)
			}
		} else if related.URI != "infra/vnet.json" || related.URIBaseID != "%SRCROOT%" {
			t.Errorf("from %s, related %s: %+v", r.dir, r.related, related)
		}
		fingerprints = append(fingerprints, res.PartialFingerprints[fingerprintKey])

		gh := render(t, "github", rep, opt)
		if !strings.HasPrefix(gh, "::error file=infra/aks.json,line=3,") {
			t.Errorf("from %s: %s", r.dir, gh)
		}
		if text := render(t, "json", rep, opt); !strings.Contains(text, `"file": "`+filepath.ToSlash(r.file)+`"`) {
			t.Errorf("the JSON report changed its paths:\n%s", text)
		}
		if rep.Findings[0].Location.File != r.file {
			t.Error("Write changed the caller's findings")
		}
	}
	for _, fp := range fingerprints[1:] {
		if fp != fingerprints[0] {
			t.Errorf("fingerprints differ by where the run started: %q", fingerprints)
		}
	}
}
