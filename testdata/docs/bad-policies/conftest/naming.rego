package main

deny contains msg if {
	some c in input.clusters
	not startswith(c.name, "aks-")
	msg := sprintf("cluster %s is not named aks-*", [c.name])
}
