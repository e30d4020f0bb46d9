# METADATA
# title: NSG denies traffic the cluster needs
# description: |
#   Nodes talk to each other on many ports (kubelet, tunnels, and in node subnet mode the
#   pods themselves), and with Azure CNI Overlay traffic between nodes and pod addresses
#   crosses the node subnet unencapsulated. A network security group on the node subnet
#   whose Deny rule matches that traffic before any Allow does breaks pod networking,
#   DNS and upgrades, usually long after deployment. Allow node-to-node traffic (and
#   node-to-pod CIDR for overlay) at a higher priority than the Deny.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network#network-security-groups
#     description: Network concepts for AKS (network security groups)
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay networking in AKS
# custom:
#   id: AKSNET504
#   name: nsg-blocks-cluster-traffic
#   level: warning
#   kinds: [arm, bicep, azcli]
package aksnet.rules.nsg_blocks_cluster_traffic

import data.aksnet.lib.compat
import data.aksnet.lib.doc

# flows lists the traffic a cluster needs through its node subnet s: between the
# subnet's nodes, and for overlay between the nodes and the pod CIDR. tag says whether
# the VirtualNetwork service tag is known to contain the range.
flows(c, s) := {f |
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

prefixes_may_match(prefixes, target) if {
	some x in prefixes
	compat.allow_prefix_may_match(x, target)
}

deny contains finding if {
	some ci, c in input.clusters
	keys := {p.vnetSubnet | some p in c.nodePools; p.vnetSubnet}
	some key in keys
	e := doc.subnets[key]
	some ni, nsg in input.networkSecurityGroups
	nsg.key == e.subnet.networkSecurityGroup
	compat.fully_known(nsg)
	not compat.unknown(sprintf("/networkSecurityGroups/%d", [ni]))
	some ri, d in nsg.rules
	blocked := [f.what | some f in flows(c, e.subnet); blocking(d, f); not allowed_first(nsg, d, f)]
	count(blocked) > 0
	finding := {
		"msg": sprintf(
			"%s rule %q (priority %d) of NSG %q on the node subnet of %s denies traffic %s, and no Allow rule before it lets that traffic through; add an Allow rule with a lower priority number for it",
			[d.direction, object.get(d, "name", ""), d.priority, nsg.key, doc.cluster_label(c), concat("; ", blocked)],
		),
		"pointer": sprintf("/networkSecurityGroups/%d/rules/%d", [ni, ri]),
		"related": [{
			"pointer": sprintf("/subnets/%d/networkSecurityGroup", [e.index]),
			"msg": sprintf("NSG %q is associated with node subnet %q", [nsg.key, key]),
		}],
	}
}
