package engine

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestNeedMatches(t *testing.T) {
	doc := netdoc.New("t.sh", netdoc.KindAzCLI)
	doc.Clusters = []netdoc.Cluster{{Key: "aks", NodePools: []netdoc.NodePool{{Name: "system", VnetSubnet: "v/nodes"}}}}
	doc.Subnets = []netdoc.Subnet{{Key: "v/nodes", VNet: "v"}, {Key: "v/other", VNet: "v"}, {Key: "w/far", VNet: "w"}}
	doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "v"}, {Key: "w"}}
	use := usedByClusters(doc)
	for _, tc := range []struct {
		pattern, pointer string
		want             bool
	}{
		{"/clusters/*/nodePools/*/count", "/clusters/0/nodePools/1/count", true},
		{"/clusters/*/nodePools/*/count", "/clusters/0/nodePools/1", true}, // the whole pool unknown
		{"/clusters/*/nodePools/*/count", "/clusters/0", true},             // the whole cluster unknown
		{"/clusters/*/nodePools/*/count", "/clusters/0/nodePools/1/name", false},
		{"/clusters/*/nodePools", "/clusters/0/nodePools/1/name", false}, // a pool's name is not the pools
		{"/subnets/*/addressPrefixes", "/subnets/2/addressPrefixes/1", true},
		{"/subnets/{cluster}/routeTable", "/subnets/0/routeTable", true},
		{"/subnets/{cluster}/routeTable", "/subnets/1/routeTable", true}, // same VNet as a node subnet
		{"/subnets/{cluster}/routeTable", "/subnets/2/routeTable", false},
		{"/virtualNetworks/{cluster}/addressPrefixes", "/virtualNetworks/0/addressPrefixes", true},
		{"/virtualNetworks/{cluster}/addressPrefixes", "/virtualNetworks/1/addressPrefixes", false},
		{"/clusters/*/name", "/clusters/x/name", false},
	} {
		segs := strings.Split(strings.TrimPrefix(tc.pointer, "/"), "/")
		if got := needMatches(strings.Split(tc.pattern[1:], "/"), segs, &use); got != tc.want {
			t.Errorf("needMatches(%s, %s) = %v, want %v", tc.pattern, tc.pointer, got, tc.want)
		}
	}
}

func TestCheckNeed(t *testing.T) {
	for _, ok := range []string{"/clusters/*/nodePools/*/count", "/subnets/{cluster}/routeTable", "/roleAssignments"} {
		if err := checkNeed(ok); err != nil {
			t.Errorf("checkNeed(%s) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "clusters", "/clusters//name", "/clusters/{cluster}/name"} {
		if checkNeed(bad) == nil {
			t.Errorf("checkNeed(%q) accepted", bad)
		}
	}
}

// TestUnresolvedNotes: a note only for an unknown value a rule needs, naming the rules,
// once per value; none for a value no rule needs.
func TestUnresolvedNotes(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := netdoc.New("t.sh", netdoc.KindAzCLI)
	count := 3
	doc.Clusters = []netdoc.Cluster{{Key: "?$cluster_name", NodePools: []netdoc.NodePool{
		{Name: "system", Count: &count},
		{Count: &count},
		{Count: &count},
	}}}
	doc.Unresolved = []netdoc.Unresolved{
		{Pointer: "/clusters/0/name", Expression: "$CLUSTER_NAME", Reason: "$CLUSTER_NAME is not set in the script"},
		{Pointer: "/clusters/0/kubernetesVersion", Expression: "$K8S_VERSION", Reason: "$K8S_VERSION is not set in the script"},
		{Pointer: "/clusters/0/nodePools/0/maxPods", Expression: "$MAX_PODS", Reason: "$MAX_PODS is not set in the script"},
		{Pointer: "/clusters/0/nodePools/1/name", Expression: "<pool-name>", Reason: "a placeholder"},
		{Pointer: "/clusters/0/nodePools/2/name", Expression: "<pool-name>", Reason: "a placeholder"},
	}
	locs := netdoc.Locations{}
	for i, u := range doc.Unresolved {
		locs.Set(u.Pointer, netdoc.Location{File: "t.sh", Line: 10 + i, Column: 3})
	}
	locs.Set("/clusters/0", netdoc.Location{File: "t.sh", Line: 9, Column: 1})
	fs, err := e.Eval(context.Background(), Input{Doc: doc, Locs: locs})
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, f := range fs {
		if f.RuleID == UnresolvedID {
			notes = append(notes, f.Message)
			if f.Location.Line == 13 && len(f.Related) != 1 {
				t.Errorf("the second use of <pool-name> is not a related location: %+v", f.Related)
			}
		}
	}
	if len(notes) != 2 {
		t.Fatalf("notes = %q, want one for maxPods and one for the pool name (none for the cluster name or version)", notes)
	}
	want := []string{
		"AKSNET201, AKSNET202, AKSNET205, AKSNET206, AKSNET207 and 3 more rules were not checked for pool \"system\" of cluster $CLUSTER_NAME: its max pods comes from $MAX_PODS, which is not known statically ($MAX_PODS is not set in the script)",
		"AKSNET415 was not checked for pool <pool-name> of cluster $CLUSTER_NAME: its name comes from <pool-name>, which is not known statically (a placeholder)",
	}
	for i, w := range want {
		if notes[i] != w {
			t.Errorf("note %d =\n  %s\nwant\n  %s", i, notes[i], w)
		}
	}
}

func TestLabels(t *testing.T) {
	doc := netdoc.New("t.json", netdoc.KindARM)
	doc.Clusters = []netdoc.Cluster{
		{Key: "aks-prod", Name: "AKS-Prod"},
		{Key: "?concat('aks-',uniquestring(resourcegroup().id))"},
		{Key: "?$name@12:26"},
	}
	doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "vnet-hub", Name: "VNet-Hub"}}
	doc.Subnets = []netdoc.Subnet{{Key: "vnet-hub/snet-a", VNet: "vnet-hub", Name: "Snet-A"}}
	doc.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/1/name", Expression: "[parameters('clusterName')]"}}
	locs := netdoc.Locations{}
	locs.Set("/clusters/2", netdoc.Location{File: "t.json", Line: 12, Column: 5})
	l := Labels(doc, locs)
	for ptr, want := range map[string]string{
		"/clusters/0":        `"AKS-Prod"`,
		"/clusters/1":        "parameters('clusterName')",
		"/clusters/2":        "at line 12", // not the key, which is in lower case
		"/virtualNetworks/0": `"VNet-Hub"`,
		"/subnets/0":         `"VNet-Hub/Snet-A"`,
	} {
		if l[ptr] != want {
			t.Errorf("label of %s = %q, want %q", ptr, l[ptr], want)
		}
	}
	long := strings.Repeat("x", 100)
	doc.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/1/name", Expression: long}}
	if got := Labels(doc, locs)["/clusters/1"]; len([]rune(got)) != maxNameText || !strings.HasSuffix(got, "…") {
		t.Errorf("a long expression is shown as %q, want %d characters", got, maxNameText)
	}
	r := nameReplacer(doc, Labels(doc, locs))
	if got := r.Replace(`subnet "vnet-hub/snet-a" of cluster "aks-prod"`); got != `subnet "VNet-Hub/Snet-A" of cluster "AKS-Prod"` {
		t.Errorf("keys in messages became %s", got)
	}
}

// TestCustomPolicyNeeds: a user policy's custom.needs take part like the built-in rules'.
func TestCustomPolicyNeeds(t *testing.T) {
	src := `# METADATA
# title: Clusters must be named aks-*
# description: Naming convention.
# custom:
#   id: ORG001
#   name: cluster-naming
#   level: warning
#   needs:
#     - /clusters/*/name
package aksnet.rules.cluster_naming

deny contains {"msg": "x", "pointer": sprintf("/clusters/%d/name", [i])} if {
	some i, c in input.clusters
	not startswith(c.name, "aks-")
	c.name
}
`
	e, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, src)}})
	if err != nil {
		t.Fatal(err)
	}
	doc := netdoc.New("t.json", netdoc.KindARM)
	doc.Clusters = []netdoc.Cluster{{Key: "?parameters('name')"}}
	doc.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/0/name", Expression: "[parameters('name')]", Reason: "parameter 'name' has no value"}}
	fs, err := e.Eval(context.Background(), Input{Doc: doc, Locs: netdoc.Locations{"/clusters/0/name": {Location: netdoc.Location{File: "t.json", Line: 4, Column: 2}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].RuleID != UnresolvedID || !strings.HasPrefix(fs[0].Message, "ORG001 was not checked for cluster parameters('name'): its name comes from parameters('name')") {
		t.Errorf("findings = %+v, want one AKSNET901 naming ORG001", fs)
	}
	for _, bad := range []string{"/clusters//name", "clusters/*/name", "/clusters/{cluster}/name"} {
		if _, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, strings.Replace(src, "/clusters/*/name", bad, 1))}}); err == nil {
			t.Errorf("custom.needs %q was accepted", bad)
		}
	}
}

// TestEveryRuleDescribedForCodeScanning: every built-in rule carries what GitHub code
// scanning reads (security-severity, precision, tags), and every rule that judges
// values declares the fields it needs, so an unknown one gives a note.
func TestEveryRuleDescribedForCodeScanning(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Rules that judge only the values that are there: an unknown value cannot be an
	// invalid address (114), an undocumented value (903), a broken line (601) or a
	// value ARM rejects (904).
	noNeeds := map[string]bool{"AKSNET114": true, "AKSNET601": true, "AKSNET903": true, "AKSNET904": true}
	for _, r := range e.Rules() {
		sev, err := strconv.ParseFloat(r.SecuritySeverity, 64)
		if err != nil || sev < 0 || sev > 10 {
			t.Errorf("%s: security_severity %q is not a number from 0.0 to 10.0", r.ID, r.SecuritySeverity)
		}
		if r.Precision == "" || len(r.Tags) == 0 {
			t.Errorf("%s: precision %q, tags %v: both are needed", r.ID, r.Precision, r.Tags)
		}
		if r.Emitter == "" && !noNeeds[r.ID] && len(r.Needs) == 0 {
			t.Errorf("%s: custom.needs is empty: an unknown value it needs would go unnoticed", r.ID)
		}
	}
}

func TestSubjectList(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{`pool "a" of cluster "aks"`}, `pool "a" of cluster "aks"`},
		{[]string{`pool "a" of cluster "aks"`, `pool "b" of cluster "aks"`}, `pools "a" and "b" of cluster "aks"`},
		{[]string{`pool "a" of cluster "x"`, `pool "b" of cluster "y"`}, `pool "a" of cluster "x" and pool "b" of cluster "y"`},
		{[]string{`VNet at line 3`, `VNet at line 9`}, `VNet at line 3 and VNet at line 9`},
	} {
		if got := subjectList(tc.in); got != tc.want {
			t.Errorf("subjectList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestResourcesNotReadStillNoted: an unknown that names no document field (a copy loop
// past ARM's limit, the file's work limit) stopped every rule there, and is noted.
func TestResourcesNotReadStillNoted(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ptr := range []string{"", "/deployments/3", "/virtualNetworks/0/subnets"} {
		doc := netdoc.New("t.json", netdoc.KindARM)
		doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "v"}}
		doc.Unresolved = []netdoc.Unresolved{{Pointer: ptr, Expression: "x", Reason: "work limit reached"}}
		fs, err := e.Eval(context.Background(), Input{Doc: doc, Locs: netdoc.Locations{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].Message != "no rule checked the resources declared here: they are not known statically (work limit reached)" {
			t.Errorf("pointer %q: findings %+v, want one note for resources not read", ptr, fs)
		}
	}
}
