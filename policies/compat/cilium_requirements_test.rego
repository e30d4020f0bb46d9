package aksnet.rules.cilium_requirements_test

import data.aksnet.rules.cilium_requirements as rule
import data.aksnet.test.findings

doc(np, pools) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": np, "nodePools": pools}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

linux := [{"name": "system", "osType": "Linux"}]

overlay_cilium := {"networkPlugin": "azure", "networkPluginMode": "overlay", "networkDataplane": "cilium"}

test_calico_policy_with_cilium if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/networkPolicy", "msg": ["\"aks\""]}]) with input as doc(object.union(overlay_cilium, {"networkPolicy": "calico"}), linux)
	some f in rule.deny with input as doc(object.union(overlay_cilium, {"networkPolicy": "calico"}), linux)
	f.pointer == "/clusters/0/networkProfile/networkPolicy"
	contains(f.msg, "CiliumDataplaneRequiresNetworkPolicyCilium")
}

test_azure_policy_with_cilium if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/networkPolicy", "msg": ["\"aks\""]}]) with input as doc(object.union(overlay_cilium, {"networkPolicy": "Azure"}), linux)
	count(rule.deny) == 1 with input as doc(object.union(overlay_cilium, {"networkPolicy": "Azure"}), linux)
}

test_cilium_policy_is_fine if {
	count(rule.deny) == 0 with input as doc(object.union(overlay_cilium, {"networkPolicy": "cilium"}), linux)
	count(rule.deny) == 0 with input as doc(overlay_cilium, linux)
}

test_cilium_with_kubenet if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/networkDataplane", "msg": ["\"aks\""]}]) with input as doc({"networkDataplane": "Cilium", "networkPlugin": "kubenet"}, linux)
	some f in rule.deny with input as doc({"networkPlugin": "kubenet", "networkDataplane": "Cilium"}, linux)
	f.pointer == "/clusters/0/networkProfile/networkDataplane"
	contains(f.msg, "networkPlugin kubenet")
}

test_cilium_with_byo_cni if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/networkDataplane", "msg": ["\"aks\""]}]) with input as doc({"networkDataplane": "cilium", "networkPlugin": "none"}, linux)
	count(rule.deny) == 1 with input as doc({"networkPlugin": "none", "networkDataplane": "cilium"}, linux)
}

test_cilium_with_windows_pool if {
	fs := rule.deny with input as doc(overlay_cilium, array.concat(linux, [{"name": "win", "osType": "Windows"}]))
	findings.exact(fs, [{"pointer": "/clusters/0/nodePools/1/osType", "msg": ["\"win\"", "\"aks\""]}])
	count(fs) == 1
	some f in fs
	f.pointer == "/clusters/0/nodePools/1/osType"
}

test_azure_dataplane_is_fine if {
	count(rule.deny) == 0 with input as doc({"networkPlugin": "kubenet", "networkDataplane": "azure", "networkPolicy": "calico"}, [{"name": "win", "osType": "Windows"}])
}

test_unknown_dataplane_is_silent if {
	count(rule.deny) == 0 with input as doc({"networkPlugin": "kubenet", "networkPolicy": "calico"}, [{"name": "win", "osType": "Windows"}])
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/networkDataplane",
		"/clusters/0/networkProfile/networkPolicy",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(object.union(overlay_cilium, {"networkPolicy": "calico"}), linux), p)
	}
}
