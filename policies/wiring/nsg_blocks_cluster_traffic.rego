# METADATA
# title: NSG denies traffic the cluster needs
# description: |
#   Nodes talk to each other on many ports (kubelet, tunnels, and in node subnet mode the
#   pods themselves), and with Azure CNI Overlay traffic between nodes and pod addresses
#   crosses the node subnet unencapsulated; in pod subnet mode, traffic between nodes
#   and pods crosses the pod subnet. A network security group on a node or pod subnet
#   whose Deny rule matches that traffic before any Allow does breaks pod networking,
#   DNS and upgrades, usually long after deployment. Allow node-to-node traffic (and
#   node-to-pod traffic for overlay and pod subnets) at a higher priority than the Deny.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network#network-security-groups
#     description: Network concepts for AKS (network security groups)
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay networking in AKS
# custom:
#   id: AKSNET504
#   name: nsg-blocks-cluster-traffic
#   level: warning
#   needs:
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /clusters/*/nodePools/*/podSubnet
#     - /clusters/*/networkProfile/podCidrs
#     - /subnets/{cluster}/networkSecurityGroup
#     - /networkSecurityGroups/*/rules
#     - /subnets/{cluster}/addressPrefixes
#   security_severity: "4.0"
#   precision: medium
#   tags: [aks, network, wiring, security]
package aksnet.rules.nsg_blocks_cluster_traffic

import data.aksnet.lib.compat
import data.aksnet.lib.doc

# crossings lists, for cluster c, the subnets whose NSG its traffic crosses, with the
# flows it needs there: node subnets carry traffic between their nodes (and for overlay
# between nodes and the pod CIDR), pod subnets traffic between the nodes and the pods
# and between pods.
crossings(c) := {x |
	some p in c.nodePools
	some x in array.concat(
		[{"key": p.vnetSubnet, "role": "node subnet", "flows": node_flows(c, doc.subnet(p.vnetSubnet).subnet)} | p.vnetSubnet; doc.subnet(p.vnetSubnet)],
		[{"key": p.podSubnet, "role": "pod subnet", "flows": pod_flows(doc.subnet(p.vnetSubnet).subnet, doc.subnet(p.podSubnet).subnet)} |
			startswith(object.get(c, "model", ""), "podsubnet")
			p.podSubnet
			doc.subnet(p.podSubnet)
			doc.subnet(p.vnetSubnet)
		],
	)
}

# node_flows lists the traffic a cluster needs through its node subnet s: between the
# subnet's nodes, and for overlay between the nodes and the pod CIDR. src_tag and
# dst_tag say whether the VirtualNetwork service tag is known to contain the range.
node_flows(c, s) := {f |
	some f in array.concat(
		[{"src": n, "dst": n, "src_tag": true, "dst_tag": true, "what": sprintf("between nodes of subnet %q (%s)", [s.key, n])} |
			some n in compat.ipv4_prefixes(s)
		],
		[f2 |
			compat.overlay(c)
			some n in compat.ipv4_prefixes(s)
			some pod in c.networkProfile.podCidrs
			net.cidr_is_valid(pod)
			contains(pod, ".")
			some f2 in [
				{"src": n, "dst": pod, "src_tag": true, "dst_tag": false, "what": sprintf("from nodes of subnet %q (%s) to the pod CIDR %s", [s.key, n, pod])},
				{"src": pod, "dst": n, "src_tag": false, "dst_tag": true, "what": sprintf("from the pod CIDR %s to nodes of subnet %q (%s)", [pod, s.key, n])},
			]
		],
	)
}

# pod_flows lists the traffic through pod subnet ps of pools whose nodes are in node
# subnet ns: between the nodes and the pods, and between pods. Both subnets are in the
# cluster VNet, so the VirtualNetwork tag contains them.
pod_flows(ns, ps) := {f |
	some n in compat.ipv4_prefixes(ns)
	some q in compat.ipv4_prefixes(ps)
	some f in [
		{"src": n, "dst": q, "src_tag": true, "dst_tag": true, "what": sprintf("from nodes of subnet %q (%s) to pods of subnet %q (%s)", [ns.key, n, ps.key, q])},
		{"src": q, "dst": n, "src_tag": true, "dst_tag": true, "what": sprintf("from pods of subnet %q (%s) to nodes of subnet %q (%s)", [ps.key, q, ns.key, n])},
		{"src": q, "dst": q, "src_tag": true, "dst_tag": true, "what": sprintf("between pods of subnet %q (%s)", [ps.key, q])},
	]
}

is_deny(r) if compat.eq_fold(r.access, "Deny")

# blocking holds for a Deny rule that certainly applies to every connection of flow f.
blocking(r, f) if {
	is_deny(r)
	r.priority
	lower(r.direction) in {"inbound", "outbound"}
	lower(r.protocol) in compat.blocking_protocols
	compat.all_ports(r.destinationPortRanges)
	some sp in r.sourceAddressPrefixes
	compat.deny_prefix_matches(sp, f.src, f.src_tag)
	some dp in r.destinationAddressPrefixes
	compat.deny_prefix_matches(dp, f.dst, f.dst_tag)
}

# allowed_first holds when a rule that may allow some of flow f is evaluated before deny
# rule d (a lower priority number, or a priority or direction not known).
allowed_first(nsg, d, f) if {
	some a in nsg.rules
	not is_deny(a)
	a != d
	before(a, d)
	same_direction(a, d)
	prefixes_may_match(object.get(a, "sourceAddressPrefixes", []), f.src)
	prefixes_may_match(object.get(a, "destinationAddressPrefixes", []), f.dst)
}

before(a, _) if not a.priority

before(a, d) if a.priority < d.priority

same_direction(a, _) if not a.direction

same_direction(a, d) if compat.eq_fold(a.direction, d.direction)

prefixes_may_match([], _)

# nsgs_by_key lists the indexes of the security groups of each key, grouped once in a
# comprehension OPA indexes on the key: scanning every group for each cluster's subnet
# was quadratic in a hub-and-spoke network (bench/network.sh).
nsgs_by_key := {k: indexes |
	some g in input.networkSecurityGroups
	k := g.key
	indexes := [ni | some ni, h in input.networkSecurityGroups; h.key == k]
}

prefixes_may_match(prefixes, target) if {
	some x in prefixes
	compat.allow_prefix_may_match(x, target)
}

deny contains finding if {
	not compat.partly_read
	some ci, c in input.clusters
	some crossing in crossings(c)
	e := doc.subnet(crossing.key)
	some ni in object.get(nsgs_by_key, e.subnet.networkSecurityGroup, [])
	nsg := input.networkSecurityGroups[ni]
	compat.fully_known(nsg)
	not compat.unknown(sprintf("/networkSecurityGroups/%d", [ni]))
	not compat.unknown(sprintf("/subnets/%d/networkSecurityGroup", [e.index]))
	some ri, d in nsg.rules
	blocked := [f.what | some f in crossing.flows; blocking(d, f); not allowed_first(nsg, d, f)]
	count(blocked) > 0
	finding := {
		"msg": sprintf(
			"%s rule %q (priority %d) of NSG %q on the %s of %s denies traffic %s, and no Allow rule before it lets that traffic through; add an Allow rule with a lower priority number for it",
			[d.direction, object.get(d, "name", ""), d.priority, nsg.key, crossing.role, doc.cluster_label(c), concat("; ", sort(blocked))],
		),
		"pointer": sprintf("/networkSecurityGroups/%d/rules/%d", [ni, ri]),
		"related": [{
			"pointer": sprintf("/subnets/%d/networkSecurityGroup", [e.index]),
			"msg": sprintf("NSG %q is associated with %s %q", [nsg.key, crossing.role, crossing.key]),
		}],
	}
}
