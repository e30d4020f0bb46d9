package aksnet.rules.node_count_limits_test

import data.aksnet.rules.node_count_limits as rule
import data.aksnet.test.findings

doc(pools) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "model": "overlay", "networkProfile": {}, "nodePools": pools}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

pool(name, n, surge) := {"name": name, "count": n, "maxSurge": surge}

test_pool_over_1000_nodes if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/count", "msg": ["\"apps\"", "\"aks\"", "1001", "1000"]}]) with input as doc([pool("apps", 1001, "0")])
	some f in rule.deny with input as doc([pool("apps", 1001, "0")])
	f.pointer == "/clusters/0/nodePools/0/count"
	f.msg == `pool "apps" of cluster "aks" has 1001 nodes, 1 more than the 1000 AKS allows in one node pool; split it into several pools`
}

test_autoscaler_maximum_over_1000 if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxCount", "msg": ["\"apps\"", "\"aks\"", "1200", "200"]}]) with input as doc([{"count": 3, "enableAutoScaling": true, "maxCount": 1200, "maxSurge": "1", "minCount": 3, "name": "apps"}])
	some f in rule.deny with input as doc([{"name": "apps", "count": 3, "enableAutoScaling": true, "minCount": 3, "maxCount": 1200, "maxSurge": "1"}])
	f.pointer == "/clusters/0/nodePools/0/maxCount"
	contains(f.msg, "has 1200 nodes (autoscaler maxCount), 200 more")
	count(rule.deny) == 1 with input as doc([{"name": "apps", "count": 3, "enableAutoScaling": true, "minCount": 3, "maxCount": 1200, "maxSurge": "1"}])
}

test_1000_nodes_without_surge_allowed if {
	count(rule.deny) == 0 with input as doc([pool("apps", 1000, "0")])
}

test_1000_nodes_with_surge if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/count", "msg": ["\"apps\"", "\"aks\"", "1000", "100"]}]) with input as doc([pool("apps", 1000, "10%")])
	some f in rule.deny with input as doc([pool("apps", 1000, "10%")])
	f.pointer == "/clusters/0/nodePools/0/count"
	f.related[0].pointer == "/clusters/0/nodePools/0/maxSurge"
	f.msg == `pool "apps" of cluster "aks" has 1000 nodes + 100 surge (maxSurge 10%) = 1100 nodes during an upgrade, 100 more than the 1000 AKS allows in one node pool; use at most 909 nodes with this maxSurge`
}

test_surge_rounding_boundary if {
	# 909 + ceil(90.9) = 1000 fits; 910 + ceil(91.0) = 1001 does not
	count(rule.deny) == 0 with input as doc([pool("apps", 909, "10%")])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/count", "msg": ["\"apps\"", "\"aks\"", "910", "91"]}]) with input as doc([pool("apps", 910, "10%")])
	some f in rule.deny with input as doc([pool("apps", 910, "10%")])
	contains(f.msg, "910 nodes + 91 surge (maxSurge 10%) = 1001 nodes during an upgrade, 1 more")
	contains(f.msg, "use at most 909 nodes with this maxSurge, or a maxSurge of at most 90")
}

test_integer_surge if {
	count(rule.deny) == 0 with input as doc([pool("apps", 995, "5")])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/count", "msg": ["\"apps\"", "\"aks\"", "995", "6"]}]) with input as doc([pool("apps", 995, "6")])
	some f in rule.deny with input as doc([pool("apps", 995, "6")])
	contains(f.msg, "use at most 994 nodes with this maxSurge, or a maxSurge of at most 5")
}

test_cluster_over_5000_nodes if {
	pools := [pool(sprintf("p%d", [i]), 1000, "0") | some i in numbers.range(1, 5)]
	count(rule.deny) == 0 with input as doc(pools)
	findings.exact(rule.deny, [{"pointer": "/clusters/0", "msg": ["\"aks\"", "5001", "\"p1\"", "1000"]}]) with input as doc(array.concat(pools, [pool("extra", 1, "0")]))
	some f in rule.deny with input as doc(array.concat(pools, [pool("extra", 1, "0")]))
	f.pointer == "/clusters/0"
	contains(f.msg, `cluster "aks" has 5001 nodes in total (pool "p1": 1000 nodes, pool "p2": 1000 nodes, pool "p3": 1000 nodes, pool "p4": 1000 nodes, pool "p5": 1000 nodes, pool "extra": 1 node), 1 more than the 5000`)
	count(f.related) == 6
}

test_more_than_100_pools if {
	pools := [pool(sprintf("p%d", [i]), 1, "0") | some i in numbers.range(1, 100)]
	count(rule.deny) == 0 with input as doc(pools)
	findings.exact(rule.deny, [{"pointer": "/clusters/0", "msg": ["\"aks\"", "101", "100"]}]) with input as doc(array.concat(pools, [pool("p101", 1, "0")]))
	some f in rule.deny with input as doc(array.concat(pools, [pool("p101", 1, "0")]))
	f.msg == `cluster "aks" has 101 node pools, 1 more than the 100 AKS allows in one cluster`
	f.related[0].pointer == "/clusters/0/nodePools/100"
}

test_unknown_is_silent if {
	count(rule.deny) == 0 with input as doc([{"name": "apps", "enableAutoScaling": true, "count": 3}])
	count(rule.deny) == 0 with input as doc([{"name": "apps", "count": 1000}])
	pools := [pool(sprintf("p%d", [i]), 1000, "0") | some i in numbers.range(1, 5)]
	count(rule.deny) == 0 with input as doc(array.concat(pools, [{"name": "extra"}]))
	e := json.patch(doc(array.concat(pools, [pool("extra", 1, "0")])), [{"op": "add", "path": "/clusters/0/existing", "value": true}])
	count(rule.deny) == 0 with input as e
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/nodePools/0/count",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc([pool("apps", 1001, "0")]), p)
	}
}

# The engine adds input.derived (docs/policies.md): nodeCountCandidates lists the
# clusters whose node counts may pass a limit; the rules check only those.
with_facts(d, candidates) := object.union(d, {"derived": {"nodeCountCandidates": candidates}})

over_1000 := {"pointer": "/clusters/0/nodePools/0/count", "msg": ["\"apps\"", "\"aks\"", "1001", "1000"]}

with_surge := {"pointer": "/clusters/0/nodePools/0/count", "msg": ["\"apps\"", "\"aks\"", "910", "91"]}

test_derived_facts_find_what_the_rule_finds_without if {
	big := doc([pool("apps", 1001, "0")])
	findings.exact(rule.deny, [over_1000]) with input as big
	findings.exact(rule.deny, [over_1000]) with input as with_facts(big, [0])
	surge := doc([pool("apps", 910, "10%")])
	findings.exact(rule.deny, [with_surge]) with input as surge
	findings.exact(rule.deny, [with_surge]) with input as with_facts(surge, [0])
}

test_derived_facts_bound_what_is_visited if {
	# A cluster the facts do not list is not checked, whatever it holds.
	count(rule.deny) == 0 with input as with_facts(doc([pool("apps", 1001, "0")]), [])
	count(rule.deny) == 0 with input as with_facts(doc([pool(sprintf("p%d", [i]), 1, "0") | some i in numbers.range(0, 100)]), [])
}

test_derived_candidates_are_still_checked if {
	# A listed cluster within the limits gives nothing: the facts say where to look, the
	# rule decides.
	count(rule.deny) == 0 with input as with_facts(doc([pool("apps", 909, "10%")]), [0])
	count(rule.deny) == 0 with input as with_facts(doc([pool("apps", 995, "5")]), [0])
}
