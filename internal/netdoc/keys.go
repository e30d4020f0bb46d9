package netdoc

import "strings"

// SubnetKey is the case-insensitive key of a subnet: "vnet/subnet" in lower case.
func SubnetKey(vnet, subnet string) string {
	return strings.ToLower(vnet) + "/" + strings.ToLower(subnet)
}

// NameKey is the case-insensitive key of a named resource (VNet, route table, NSG).
func NameKey(name string) string { return strings.ToLower(name) }

// SubnetKeyFromID parses an Azure subnet resource ID
// (/subscriptions/.../virtualNetworks/V/subnets/S) into its key. ok is false when the ID
// does not name a subnet.
func SubnetKeyFromID(id string) (key string, ok bool) {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	var vnet, subnet string
	for i := 0; i+1 < len(parts); i++ {
		switch strings.ToLower(parts[i]) {
		case "virtualnetworks":
			vnet = parts[i+1]
		case "subnets":
			subnet = parts[i+1]
		}
	}
	if vnet == "" || subnet == "" {
		return "", false
	}
	return SubnetKey(vnet, subnet), true
}
