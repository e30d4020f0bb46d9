package arm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func extractLimited(t *testing.T, text string) *netdoc.Document {
	t.Helper()
	src, root, err := jsonsrc.Parse("limits.json", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	doc, locs := ExtractWith(src, root, armeval.Options{})
	checkInvariants(t, doc, locs)
	return doc
}

// unresolvedWith returns the unresolved entries whose reason contains s.
func unresolvedWith(doc *netdoc.Document, s string) []netdoc.Unresolved {
	var out []netdoc.Unresolved
	for _, u := range doc.Unresolved {
		if strings.Contains(u.Reason, s) {
			out = append(out, u)
		}
	}
	return out
}

// TestCopyCountBoundary: resource, property and variable copy loops of exactly
// armeval.MaxCopyCount are read; one more is not known, never partly read.
func TestCopyCountBoundary(t *testing.T) {
	resource := `{"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[format('v{0}', copyIndex())]", "copy": {"name": "v", "count": %d},
		"properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]}`
	property := `{"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/8"]},
		"copy": [{"name": "subnets", "count": %d, "input": {"name": "[format('s{0}', copyIndex('subnets'))]", "properties": {"addressPrefix": "[cidrSubnet('10.0.0.0/8', 24, copyIndex('subnets'))]"}}}]}}]}`
	variable := `{"variables": {"copy": [{"name": "prefixes", "count": %d, "input": "[cidrSubnet('10.0.0.0/8', 24, copyIndex('prefixes'))]"}]},
		"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"addressSpace": {"addressPrefixes": "[variables('prefixes')]"}}}]}`
	count := map[string]func(*netdoc.Document) int{
		"resource": func(d *netdoc.Document) int { return len(d.VirtualNetworks) },
		"property": func(d *netdoc.Document) int { return len(d.Subnets) },
		"variable": func(d *netdoc.Document) int {
			if len(d.VirtualNetworks) == 0 {
				return 0
			}
			return len(d.VirtualNetworks[0].AddressPrefixes)
		},
	}
	for name, text := range map[string]string{"resource": resource, "property": property, "variable": variable} {
		at := extractLimited(t, fmt.Sprintf(text, armeval.MaxCopyCount))
		if got := count[name](at); got != armeval.MaxCopyCount || len(at.Unresolved) != 0 {
			t.Errorf("%s loop of %d: read %d, unresolved %+v", name, armeval.MaxCopyCount, got, at.Unresolved)
		}
		over := extractLimited(t, fmt.Sprintf(text, armeval.MaxCopyCount+1))
		if got := count[name](over); got != 0 || len(unresolvedWith(over, "exceeds ARM's limit of 800")) != 1 {
			t.Errorf("%s loop of %d: read %d, unresolved %+v", name, armeval.MaxCopyCount+1, got, over.Unresolved)
		}
	}
	huge := extractLimited(t, fmt.Sprintf(resource, 1_000_000_000))
	if len(huge.VirtualNetworks) != 0 || len(unresolvedWith(huge, "the count 1000000000 exceeds")) != 1 {
		t.Errorf("copy count 1e9: %+v", huge.Unresolved)
	}
}

// nestedDeployments returns a template whose VNet lies depth deployments deep,
// each with inner expression scope (how Bicep compiles modules).
func nestedDeployments(depth int) string {
	inner := `{"type": "Microsoft.Network/virtualNetworks", "name": "deep", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}`
	for i := range depth {
		inner = fmt.Sprintf(`{"type": "Microsoft.Resources/deployments", "name": "d%d", "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "template": {"resources": [%s]}}}`, i, inner)
	}
	return `{"resources": [` + inner + `]}`
}

// TestDeploymentDepthBoundary: armeval.MaxDeploymentDepth nested deployments are followed;
// one more is reported and its resources are not read.
func TestDeploymentDepthBoundary(t *testing.T) {
	at := extractLimited(t, nestedDeployments(armeval.MaxDeploymentDepth))
	if len(at.VirtualNetworks) != 1 || len(at.Unresolved) != 0 {
		t.Errorf("%d deep: %d VNets, unresolved %+v", armeval.MaxDeploymentDepth, len(at.VirtualNetworks), at.Unresolved)
	}
	over := extractLimited(t, nestedDeployments(armeval.MaxDeploymentDepth+1))
	if len(over.VirtualNetworks) != 0 || len(unresolvedWith(over, "deeper than 10 levels")) != 1 {
		t.Errorf("%d deep: %d VNets, unresolved %+v", armeval.MaxDeploymentDepth+1, len(over.VirtualNetworks), over.Unresolved)
	}
}

// TestResourceInstancesBoundary: exactly armeval.MaxResourceInstances resources (25
// deployments of 800 VNets) are read; one more is reported, not read.
func TestResourceInstancesBoundary(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 20,000 resources")
	}
	many := `{"resources": [{"type": "Microsoft.Resources/deployments", "name": "[format('d{0}', copyIndex())]", "copy": {"name": "d", "count": %d},
		"properties": {"template": {"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[format('v{0}-{1}', copyIndex('d'), copyIndex())]", "copy": {"name": "v", "count": 800}}]}}}%s]}`
	deployments := armeval.MaxResourceInstances/armeval.MaxCopyCount - 1 // the deployments are instances too
	extras := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `, {"type": "Microsoft.Network/virtualNetworks", "name": "extra%d"}`, i)
		}
		return b.String()
	}
	exact := armeval.MaxResourceInstances - deployments*(armeval.MaxCopyCount+1)
	at := extractLimited(t, fmt.Sprintf(many, deployments, extras(exact)))
	if len(at.VirtualNetworks) != deployments*armeval.MaxCopyCount+exact {
		t.Errorf("%d instances: %d VNets", armeval.MaxResourceInstances, len(at.VirtualNetworks))
	}
	if n := len(unresolvedWith(at, "more than 20000")); n != 0 {
		t.Errorf("%d instances: truncated", armeval.MaxResourceInstances)
	}
	over := extractLimited(t, fmt.Sprintf(many, deployments, extras(exact+1)))
	if n := len(unresolvedWith(over, "more than 20000")); n != 1 {
		t.Errorf("%d instances: not reported as truncated (%d VNets)", armeval.MaxResourceInstances+1, len(over.VirtualNetworks))
	}
}

// TestEvalBudgetBoundary: a template that needs 90% of armeval.EvalBudget is read whole; one
// that needs 110% ends on the budget as an unresolved value, not an error.
func TestEvalBudgetBoundary(t *testing.T) {
	if testing.Short() {
		t.Skip("spends the whole evaluation budget")
	}
	const work = "[length(map(range(0, 10000), lambda('x', add(lambdaVariables('x'), 1))))]"
	steps := armexpr.DefaultBudget
	armexpr.EvalString(work, &armexpr.Env{Budget: &steps})
	cost := armexpr.DefaultBudget - steps
	template := func(share float64) string {
		n := int(share * armeval.EvalBudget / float64(cost))
		vars := make([]string, n)
		uses := make([]string, n)
		for i := range n {
			vars[i] = fmt.Sprintf(`"v%d": "%s"`, i, strings.Replace(work, "1)", fmt.Sprintf("%d)", i), 1))
			uses[i] = fmt.Sprintf("string(variables('v%d'))", i)
		}
		return fmt.Sprintf(`{"variables": {%s}, "resources": [{"type": "Microsoft.ContainerService/managedClusters", "name": "c",
			"properties": {"kubernetesVersion": "[concat(%s)]"}}]}`, strings.Join(vars, ", "), strings.Join(uses, ", "))
	}
	under := extractLimited(t, template(0.9))
	if len(under.Clusters) != 1 || under.Clusters[0].KubernetesVersion == "" || len(under.Unresolved) != 0 {
		t.Errorf("90%% of the budget: unresolved %+v", under.Unresolved)
	}
	over := extractLimited(t, template(1.1))
	if len(unresolvedWith(over, armexpr.ReasonBudget)) == 0 {
		t.Errorf("110%% of the budget: unresolved %+v", over.Unresolved)
	}
}

// TestReferenceCycles: reference() of a declared resource inside its own properties
// (directly, or through another resource) is a cycle ARM rejects; reading it must end,
// with the cyclic value unknown and the rest of the template read.
func TestReferenceCycles(t *testing.T) {
	for name, text := range map[string]string{
		"self": `{"resources": [
			{"type": "Microsoft.Network/virtualNetworks", "name": "a", "properties": {"tags": ["[reference(resourceId('Microsoft.Network/virtualNetworks', 'a'))]"],
				"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]}`,
		"whole properties": `{"resources": [
			{"type": "Microsoft.Network/virtualNetworks", "name": "a", "properties": "[reference(resourceId('Microsoft.Network/virtualNetworks', 'a'))]"},
			{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]}`,
		"address space": `{"resources": [
			{"type": "Microsoft.Network/virtualNetworks", "name": "a", "properties": {"addressSpace": "[reference(resourceId('Microsoft.Network/virtualNetworks', 'a')).addressSpace]"}},
			{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]}`,
		"pair": `{"resources": [
			{"type": "Microsoft.Network/virtualNetworks", "name": "a", "properties": {"addressSpace": "[reference(resourceId('Microsoft.Network/virtualNetworks', 'b')).addressSpace]"}},
			{"type": "Microsoft.Network/virtualNetworks", "name": "b", "properties": {"x": "[reference(resourceId('Microsoft.Network/virtualNetworks', 'a'))]",
				"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]}}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			doc := extractLimited(t, text)
			read := 0
			for _, v := range doc.VirtualNetworks {
				read += len(v.AddressPrefixes)
			}
			if read == 0 {
				t.Fatalf("no VNet's address space was read: %+v", doc.VirtualNetworks)
			}
		})
	}
}
