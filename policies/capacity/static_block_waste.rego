# METADATA
# title: Static block maxPods leaves addresses unused
# description: |
#   In Azure CNI pod subnet static block mode every node is given whole /28 blocks (16
#   addresses each) for its lifetime, enough for maxPods pods plus one address the node
#   keeps: ceil((maxPods + 1) / 16) blocks. Unless maxPods + 1 is a multiple of 16, the
#   last block has addresses no pod can ever use, on every node. Choose maxPods = 16N - 1
#   (15, 31, 47, ...) to use every address the blocks take.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet#static-block-allocation-mode
#     description: Azure CNI Pod Subnet, static block allocation mode
# custom:
#   id: AKSNET207
#   name: static-block-waste
#   level: note
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/podIPAllocationMode
#     - /clusters/*/nodePools/*/maxPods
#   security_severity: "1.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.static_block_waste

import data.aksnet.lib.capacity

maximum := 250

deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	capacity.pod_subnet_mode(ci, c, pi, p) == "static"
	(p.maxPods + 1) % 16 != 0
	blocks := capacity.blocks_per_node(p)
	unused := ((16 * blocks) - 1) - p.maxPods
	finding := {
		"msg": sprintf(
			"%s uses static block allocation with %s: each node takes %s (%d addresses, one kept by the node), so %s per node can never be used; %s",
			[
				capacity.pool_label(c, p), capacity.max_pods_text(ci, pi, p), capacity.plural(blocks, "/28 block"),
				16 * blocks, capacity.plural(unused, "address"), suggestion(blocks),
			],
		),
		"pointer": capacity.pool_field(ci, pi, "maxPods"),
		"related": [{
			"pointer": capacity.pool_field(ci, pi, "podIPAllocationMode"),
			"msg": sprintf("podIPAllocationMode %s", [p.podIPAllocationMode]),
		}],
	}
}

# suggestion names the 16N - 1 values around maxPods that AKS accepts.
suggestion(blocks) := sprintf("set maxPods to %d to use every address of its blocks, or to %d for one block fewer", [(16 * blocks) - 1, (16 * (blocks - 1)) - 1]) if {
	(16 * blocks) - 1 <= maximum
	blocks > 1
}

suggestion(1) := "set maxPods to 15 to use every address of its block"

suggestion(blocks) := sprintf("set maxPods to %d for one block fewer (%d is above the maximum of %d)", [(16 * (blocks - 1)) - 1, (16 * blocks) - 1, maximum]) if {
	(16 * blocks) - 1 > maximum
}
