package arm

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Scope values of a role assignment that is not on a subnet or VNet.
const (
	scopeResourceGroup = "resourceGroup"
	scopeSubscription  = "subscription"
)

// roleAssignment reads a role assignment: its scope (a subnet or VNet key,
// the deployment's resource group, or another resource's ID), the role
// definition's GUID, and the principal (a user-assigned identity's key, or
// the principal ID as written). Parts not known are left out (a rule reads
// a missing part as "may be anything"); a role assignment is not a cluster
// setting, so nothing is listed as unresolved.
func (x *extractor) roleAssignment(in *armeval.Resource) {
	if in.Existing() {
		return
	}
	if in.CountUnknown() != "" {
		// Rules that look for a missing assignment must know some are not read.
		x.countNote(in, "/roleAssignments")
		return
	}
	body := x.ev.Body(in)
	ra := netdoc.RoleAssignment{}
	if strings.HasSuffix(in.Type(), "/providers/roleassignments") {
		scopeType := in.TypeText()[:len(in.TypeText())-len("/providers/roleAssignments")]
		segs := x.ev.Names(in)
		if len(segs) >= 2 {
			ra.Scope, _ = x.scopeKey(scopeType, segs[:len(segs)-2])
		}
	} else {
		sc := x.ev.Get(body, "scope")
		if sc.Absent {
			// The resource group the deployment targets: the
			// template's own unless a nested deployment targets
			// another one.
			if !in.Elsewhere() {
				ra.Scope, _ = scopeResourceGroup, true
			}
		} else {
			ra.Scope, _ = x.scopeValue(sc)
		}
	}
	props := x.ev.Get(body, "properties")
	if rd := x.ev.Get(props, "roleDefinitionId"); !rd.Absent {
		ra.RoleDefinitionID = roleGUID(rd.V)
		if ra.RoleDefinitionID == "" {
			ra.RoleDefinitionID = x.roleGUIDFromExpr(rd)
		}
	}
	ra.Principal = x.principal(x.ev.Get(props, "principalId"))
	// Listed even when nothing of it is known: it may be the grant a rule
	// looks for.
	ri := len(x.b.Doc.RoleAssignments)
	x.b.Doc.RoleAssignments = append(x.b.Doc.RoleAssignments, ra)
	x.b.Locs.Set(netdoc.Pointer("roleAssignments", ri), in.TypeLoc())
}

// scopeKey names a scope resource of type typ from its name segments: a
// subnet or VNet by its key, another resource by its relative ID
// ("Microsoft.KeyVault/vaults/kv"), so that a rule can tell it is not a
// network the cluster uses.
func (x *extractor) scopeKey(typ string, segs []armeval.Seg) (string, bool) {
	var keys, names []string
	for _, s := range segs {
		k, ok := x.segKey(s)
		if !ok {
			return "", false
		}
		name, known := s.V.(string)
		if !known {
			return "", false
		}
		keys = append(keys, k)
		names = append(names, name)
	}
	lower := strings.ToLower(typ)
	switch {
	case lower == typeSubnet || lower == typeVNet:
		return strings.Join(keys, "/"), true
	case strings.HasPrefix(lower, "microsoft.resources/"), strings.HasPrefix(lower, "microsoft.management/"):
		return "", false
	}
	tsegs := strings.Split(typ, "/")
	if len(tsegs) != len(names)+1 {
		return "", false
	}
	id := tsegs[0]
	for i, n := range names {
		id += "/" + tsegs[i+1] + "/" + n
	}
	return id, true
}

// scopeValue reads a scope property: a full or relative resource ID.
func (x *extractor) scopeValue(v armeval.Value) (string, bool) {
	for _, typ := range []string{"Microsoft.Network/virtualNetworks/subnets", "Microsoft.Network/virtualNetworks"} {
		if segs, ok := x.ev.IDNames(v, typ); ok {
			return x.scopeKey(typ, segs)
		}
	}
	if s, ok := v.V.(string); ok {
		lower := strings.ToLower(strings.Trim(s, "/"))
		if strings.HasPrefix(lower, "subscriptions/") && strings.Count(lower, "/") == 3 && strings.Contains(lower, "/resourcegroups/") {
			return s, true
		}
		return s, s != ""
	}
	if r, ok := v.V.(armexpr.ResourceID); ok && strings.EqualFold(r.Type, "Microsoft.Resources/resourceGroups") {
		return scopeResourceGroup, true
	}
	// resourceGroup().id and subscription().id are not known as strings.
	switch x.ev.ScopeFunction(v) {
	case "resourcegroup":
		return scopeResourceGroup, true
	case "subscription":
		return scopeSubscription, true
	}
	return "", false
}

// roleGUID is the role definition's GUID (the last segment of its ID).
func roleGUID(v any) string {
	switch r := v.(type) {
	case string:
		return strings.ToLower(r[strings.LastIndexByte(r, '/')+1:])
	case armexpr.ResourceID:
		if len(r.Names) > 0 {
			return strings.ToLower(r.Names[len(r.Names)-1])
		}
	}
	return ""
}

// roleGUIDFromExpr finds the GUID of a role definition ID that is not
// known as a whole, because its subscription is the deployment's:
// subscriptionResourceId(...) and friends, or a concat()/format() whose
// last two segments are "roleDefinitions/<guid>".
func (x *extractor) roleGUIDFromExpr(v armeval.Value) string {
	if segs, ok := x.ev.IDNames(v, typeRoleDefinition); ok && len(segs) == 1 {
		if g, ok := segs[0].V.(string); ok {
			return strings.ToLower(g)
		}
		return ""
	}
	parts := x.ev.BuiltSegments(v)
	if len(parts) < 2 {
		return ""
	}
	typ, _ := parts[len(parts)-2].V.(string)
	guid, _ := parts[len(parts)-1].V.(string)
	if !strings.EqualFold(typ, "roleDefinitions") || !isGUID(guid) {
		return ""
	}
	return strings.ToLower(guid)
}

// isGUID reports whether s is written as a GUID (8-4-4-4-12 hex digits).
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

// principal reads a principalId: the key of a user-assigned identity read
// with reference(...).principalId, or the ID as written.
func (x *extractor) principal(v armeval.Value) string {
	if v.Absent {
		return ""
	}
	if s, ok := v.V.(string); ok {
		return s
	}
	arg, ok := x.ev.ReferenceArg(v, "principalId")
	if !ok {
		return ""
	}
	if segs, ok := x.ev.IDNames(arg, "Microsoft.ManagedIdentity/userAssignedIdentities"); ok {
		if k, ok := x.segKey(segs[0]); ok && (isString(segs[0].V) || x.identities[k]) {
			return k
		}
		return ""
	}
	switch a := arg.V.(type) {
	case string:
		if !strings.Contains(a, "/") && x.identities[netdoc.NameKey(a)] {
			return netdoc.NameKey(a)
		}
	case armexpr.Unknown:
		if k := x.ev.ExprKey(arg); x.identities[k] {
			return k
		}
	}
	return ""
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}
