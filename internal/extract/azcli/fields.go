package azcli

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func (in *interp) origin(a arg) origin {
	return origin{Location: in.src.loc(a.start, a.end), Related: a.from}
}

// keyOf is the key of a named resource: the lower-case name, or, when the name is
// unknown, "?" and the name's identity (so that the same unknown name, say the same
// unchanged variable, still names the same resource).
func keyOf(a arg) string {
	if s, ok := a.known(); ok {
		return netdoc.NameKey(s)
	}
	return "?" + netdoc.NameKey(a.ident())
}

// setName sets a name field from a flag value.
func (in *interp) setName(f *field[string], a arg) {
	if s, ok := a.known(); ok {
		known(f, s, in.origin(a))
		return
	}
	unknown(f, a.expr, a.reason(), in.origin(a))
}

// setStr sets a string field from a flag. It reports whether the flag was given.
func (in *interp) setStr(f *field[string], cmd *azCmd, flag string) bool {
	a, ok := cmd.first(flag)
	if !ok {
		return false
	}
	if s, ok := a.known(); ok {
		if s == "" {
			return false
		}
		known(f, s, in.origin(a))
		return true
	}
	unknown(f, a.expr, a.reason(), in.origin(a))
	return true
}

// setInt sets an integer field from a flag. It reports whether the flag was given.
func (in *interp) setInt(f *field[int], cmd *azCmd, flag string) bool {
	a, ok := cmd.first(flag)
	if !ok {
		return false
	}
	s, ok := a.known()
	if !ok {
		unknown(f, a.expr, a.reason(), in.origin(a))
		return true
	}
	if s == "" {
		return false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil {
		unknown(f, a.expr, strconv.Quote(s)+" is not an integer", in.origin(a))
		return true
	}
	known(f, n, in.origin(a))
	return true
}

// setSwitch sets a boolean field from a switch flag (--enable-cluster-autoscaler).
func (in *interp) setSwitch(f *field[bool], cmd *azCmd, flag string, v bool) bool {
	fv := cmd.get(flag)
	if fv == nil {
		return false
	}
	known(f, v, in.origin(fv.flag))
	return true
}

// setList sets a list field from a multi-value flag (--address-prefixes a b), or from a
// comma-separated value when comma is set (--pod-cidrs a,b).
func (in *interp) setList(f *list, cmd *azCmd, flag string, comma bool) bool {
	fv := cmd.get(flag)
	if fv == nil || len(fv.vals) == 0 {
		return false
	}
	vals := fv.vals
	if comma {
		vals = vals[:1]
	}
	var items []item
	for _, a := range vals {
		if _, ok := a.known(); !ok {
			last := vals[len(vals)-1]
			at := in.origin(a)
			at.Location = in.src.loc(vals[0].start, last.end)
			unknown(f, in.src.text(vals[0].start, last.end), a.reason(), at)
			return true
		}
		parts := []arg{a}
		if comma {
			parts = splitComma(a)
		}
		for _, p := range parts {
			if s, _ := p.known(); s != "" {
				items = append(items, item{S: s, At: in.origin(p)})
			}
		}
	}
	if len(items) == 0 {
		return false
	}
	known(f, items, in.origin(vals[0]))
	return true
}

// splitComma splits a known comma-separated value, locating each element when the text
// maps onto the source.
func splitComma(a arg) []arg {
	s, _ := a.known()
	exact := len(a.pieces) == 1 && a.pieces[0].off >= 0
	var out []arg
	pos := 0
	for _, el := range strings.Split(s, ",") {
		e := arg{value: knownValue(strings.TrimSpace(el), -1), start: a.start, end: a.end, expr: a.expr}
		e.from = a.from
		if exact {
			lead := len(el) - len(strings.TrimLeft(el, " "))
			e.start = a.pieces[0].off + pos + lead
			e.end = e.start + len(strings.TrimSpace(el))
			e.expr = strings.TrimSpace(el)
		}
		out = append(out, e)
		pos += len(el) + 1
	}
	return out
}

// setSubnet sets a subnet reference field (--vnet-subnet-id) to the subnet's key and
// makes sure the document lists the subnet.
func (in *interp) setSubnet(f *field[string], cmd *azCmd, flag string) bool {
	a, ok := cmd.first(flag)
	if !ok {
		return false
	}
	if s, ok := a.known(); ok && s == "" {
		return false
	}
	vnet, subnet, ok := a.subnetRef(false)
	if !ok {
		// An ID written with the same unknown names (placeholders, unset variables) as a
		// subnet the script creates is that subnet; any other stays unknown, since an
		// unknown name may be any VNet.
		if v, s, ok2 := a.subnetRef(true); ok2 && in.m.subnet(netdoc.SubnetKey(v, s)) != nil {
			vnet, subnet, ok = v, s, true
		}
	}
	if !ok {
		reason := a.reason()
		if _, known := a.known(); known || reason == "" {
			reason = "not a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)"
		} else {
			reason = "the subnet cannot be identified: " + reason
		}
		unknown(f, a.expr, reason, in.origin(a))
		return true
	}
	key := netdoc.SubnetKey(vnet, subnet)
	at := in.origin(a)
	known(f, key, at)
	if in.m.subnet(key) == nil {
		s := &subnetM{key: key, vnet: netdoc.NameKey(vnet), at: at, scope: idScope(a.value)}
		known(&s.name, subnet, at)
		in.m.subnets = append(in.m.subnets, s)
	}
	return true
}

// setRef sets a reference to a route table or NSG (a name or an ID) to its key.
func (in *interp) setRef(f *field[string], cmd *azCmd, flag, kind, typ string) bool {
	a, ok := cmd.first(flag)
	if !ok {
		return false
	}
	if s, ok := a.known(); ok && s == "" {
		return false
	}
	key, ok := a.resourceKey(kind, typ)
	if !ok {
		reason := a.reason()
		if reason == "" {
			reason = "not a name or resource ID"
		}
		unknown(f, a.expr, reason, in.origin(a))
		return true
	}
	known(f, key, in.origin(a))
	return true
}
