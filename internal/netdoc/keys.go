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

// ScopeFromID reads the subscription and resource group an Azure resource ID names
// (/subscriptions/S/resourceGroups/G/...), in lower case; a segment that is not a
// plain name (a placeholder such as $SUB or {0}) is left unknown.
func ScopeFromID(id string) Scope {
	var sc Scope
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		v := parts[i+1]
		if !plainName(v) {
			continue
		}
		switch strings.ToLower(parts[i]) {
		case "subscriptions":
			if sc.Subscription == "" {
				sc.Subscription = strings.ToLower(v)
			}
		case "resourcegroups":
			if sc.ResourceGroup == "" {
				sc.ResourceGroup = strings.ToLower(v)
			}
		case "providers":
			return sc // what follows is the resource's own path
		}
	}
	return sc
}

// plainName tells whether s is a name as written, not a placeholder or expression.
func plainName(s string) bool {
	return s != "" && !strings.ContainsAny(s, "$`{}[]()'\" ")
}

// PlainName tells whether s is a resource group or subscription written out, not a
// placeholder or expression, so that a scope can be compared with it.
func PlainName(s string) bool { return plainName(s) }
