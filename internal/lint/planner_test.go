package lint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// describeJobs is the plan as lines: one per job, "file [kind]" and what it is
// extracted with, then the pairings other jobs own and the run's variant mode.
func describeJobs(pl *plan) []string {
	src := func(ss []extract.Source) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, filepath.ToSlash(s.Path)+" ("+string(s.Origin)+")")
		}
		return strings.Join(parts, ", ")
	}
	pairing := func(p extract.Pairing) string {
		var parts []string
		if len(p.Params) > 0 {
			parts = append(parts, "with "+src(p.Params))
		}
		if p.Template.Path != "" {
			parts = append(parts, "template "+src([]extract.Source{p.Template}))
		}
		if p.Expected != "" {
			parts = append(parts, "no template: expected "+p.Expected)
		}
		if p.GeneratedFrom != "" {
			parts = append(parts, "compiled from "+filepath.ToSlash(p.GeneratedFrom)+"?")
		}
		if p.Err != nil {
			parts = append(parts, "error: "+p.Err.Error())
		}
		return strings.Join(parts, "; ")
	}
	var out []string
	for i, j := range pl.jobs {
		line := filepath.ToSlash(j.cand.Path) + " [" + j.kind + "]"
		if j.cand.Explicit {
			line += " named"
		}
		if j.skipUnlintable {
			line += " skip-unlintable"
		}
		if d := pairing(j.pairing); d != "" {
			line += ": " + d
		}
		for _, m := range j.mapped {
			line += "; mapped to " + filepath.ToSlash(m.path) + " " + pairing(m.pairing)
		}
		seen := map[string]bool{}
		for _, pair := range j.pairs() {
			if s := pl.scopes[pair[0]]; s.ResourceGroup != "" && !seen[pair[0]] {
				seen[pair[0]] = true
				line += fmt.Sprintf("; %s deployed to %s", filepath.ToSlash(pair[0]), s.ResourceGroup)
			}
			if !pl.owns(pair, i) {
				line += fmt.Sprintf("; %s+%s is job %d's", filepath.ToSlash(pair[0]), filepath.ToSlash(pair[1]), pl.owner[pair])
			}
		}
		out = append(out, line)
	}
	return append(out, "variants "+pl.variants)
}

// TestPlan: the jobs of a run, planned from the walk, the configuration and the
// flags before any file is extracted.
func TestPlan(t *testing.T) {
	const (
		tmpl   = `{"resources": []}`
		params = `{"parameters": {}}`
		bicepT = "param cidr string\n"
	)
	for _, tt := range []struct {
		name  string
		files map[string]string
		paths []string
		flags planFlags
		want  []string
	}{
		{
			name: "a template and its parameter files, walked",
			files: map[string]string{"aks.json": tmpl, "aks.parameters.json": params, "aks.prod.parameters.json": params,
				"aks.b.json": tmpl, "aks.b.parameters.json": params, "other.parameters.json": params},
			paths: []string{"."},
			want: []string{
				"aks.b.json [json]: with aks.b.parameters.json (beside)",
				"aks.b.parameters.json [json]",
				"aks.json [json]: with aks.parameters.json (beside), aks.prod.parameters.json (beside)",
				"aks.parameters.json [json]",
				"aks.prod.parameters.json [json]",
				"other.parameters.json [json]",
				"variants all",
			},
		},
		{
			name:  "named parameter files: one with its template, one whose template is missing",
			files: map[string]string{"aks.json": tmpl, "aks.prod.parameters.json": params, "lone.parameters.json": params, "prod.json": params},
			paths: []string{"aks.prod.parameters.json", "lone.parameters.json", "prod.json", "aks.json"},
			want: []string{
				"aks.prod.parameters.json [json] named: template aks.json (beside)",
				"lone.parameters.json [json] named: no template: expected lone.json beside it",
				"prod.json [json] named: no template: expected a file named <template>.parameters.json",
				// named, so a parameter file if its content says so: then without a template
				"aks.json [json] named: with aks.prod.parameters.json (beside); no template: expected a file named <template>.parameters.json; aks.json+aks.prod.parameters.json is job 0's",
				"variants all",
			},
		},
		{
			name: "Bicep: a .bicepparam by its using line, JSON parameter files beside",
			files: map[string]string{"main.bicep": bicepT, "dev.bicepparam": "using 'main.bicep'\nparam cidr = 'x'\n",
				"main.parameters.json": params, "other.bicepparam": "using 'other.bicep'\n",
				"broken.bicepparam": "using 'main.bicep\n", "gone.bicepparam": "using 'missing.bicep'\n"},
			paths: []string{".", "dev.bicepparam", "main.parameters.json", "gone.bicepparam"},
			want: []string{
				"broken.bicepparam [bicepparam]",
				"dev.bicepparam [bicepparam]",
				"gone.bicepparam [bicepparam]",
				"main.bicep [bicep]: with broken.bicepparam (using), dev.bicepparam (using), main.parameters.json (beside)",
				"main.parameters.json [json]",
				"other.bicepparam [bicepparam]",
				"dev.bicepparam [bicepparam] named: template main.bicep (using); main.bicep+dev.bicepparam is job 3's",
				"main.parameters.json [json] named: template main.bicep (beside); main.bicep+main.parameters.json is job 3's",
				`gone.bicepparam [bicepparam] named: error: gone.bicepparam:1:1: template of this parameter file: "missing.bicep" does not exist`,
				"variants all",
			},
		},
		{
			name:  "a template compiled from the .bicep beside it",
			files: map[string]string{"main.bicep": bicepT, "main.json": tmpl, "main.parameters.json": params},
			paths: []string{"."},
			want: []string{
				"main.bicep [bicep]: with main.parameters.json (beside)",
				"main.json [json]: with main.parameters.json (beside); compiled from main.bicep?",
				"main.parameters.json [json]",
				"variants all",
			},
		},
		{
			name: "the configuration's mapping wins over the files beside; deployments: are join groups",
			files: map[string]string{
				".aksnet-lint.yaml": "variants: bounds\nparameters:\n  infra/aks.json: [infra/env/prod.json]\n" +
					"deployments:\n  - paths: [infra]\n    resourceGroup: rg-net\n",
				"infra/aks.json": tmpl, "infra/aks.parameters.json": params, "infra/env/prod.json": params,
			},
			paths: []string{"infra/env/prod.json", "infra"},
			want: []string{
				"infra/env/prod.json [json] named; mapped to infra/aks.json with infra/env/prod.json (config); infra/aks.json deployed to rg-net",
				"infra/aks.json [json]: with infra/env/prod.json (config); infra/aks.json deployed to rg-net; infra/aks.json+infra/env/prod.json is job 0's",
				"infra/aks.parameters.json [json]; infra/aks.parameters.json deployed to rg-net",
				"infra/env/prod.json [json]; infra/env/prod.json deployed to rg-net",
				"variants bounds",
			},
		},
		{
			name:  "--parameters wins over both; scripts and runbooks; --skip-non-templates",
			files: map[string]string{"aks.json": tmpl, "aks.parameters.json": params, "x.json": params, "create.sh": "az aks create\n", "README.md": "# x\n", "package.json": "{}"},
			paths: []string{"aks.json", "create.sh", "README.md", "package.json"},
			flags: planFlags{parameters: []string{"x.json"}, skipNonTemplates: true, variants: "off"},
			want: []string{
				"aks.json [json] named skip-unlintable: with x.json (flag); no template: expected a file named <template>.parameters.json",
				"create.sh [script] named skip-unlintable",
				"README.md [runbook] named skip-unlintable",
				"package.json [json] named skip-unlintable: with x.json (flag); no template: expected a file named <template>.parameters.json",
				"variants off",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := project(t, tt.files)
			root, err := pathpolicy.New(".")
			if err != nil {
				t.Fatal(err)
			}
			cands, errs := extract.Discover(tt.paths, extract.DiscoverOptions{Filter: cfg})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			got := describeJobs(newPlan(cands, cfg, root, tt.flags))
			if !slices.Equal(got, tt.want) {
				t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
