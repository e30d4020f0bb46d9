package azcli

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"mvdan.cc/sh/v3/syntax"
)

// azCmd is one parsed az command line.
type azCmd struct {
	path  string // "aks create", "network vnet subnet create", ...
	at    origin // the whole command
	flags map[string]*flagVal
	// opaque is the first word in flag position whose value is not known: it may hold
	// any flags, so no flag of the command is known to be absent (nil: none).
	opaque *arg
}

// flagVal is the last occurrence of a flag (az keeps the last of repeated flags) and
// the words that follow it.
type flagVal struct {
	flag arg
	vals []arg
}

// aliases maps each command's short and alternative flag names onto canonical ones.
var aliases = map[string]map[string]string{
	"aks create": {"-n": "--name", "-g": "--resource-group", "-c": "--node-count", "-k": "--kubernetes-version",
		"-s": "--node-vm-size", "-m": "--max-pods", "-a": "--enable-addons", "-l": "--location", "-z": "--zones",
		"--addons": "--enable-addons"},
	"aks update": {"-n": "--name", "-g": "--resource-group", "-e": "--enable-cluster-autoscaler",
		"-d": "--disable-cluster-autoscaler", "-u": "--update-cluster-autoscaler"},
	"aks enable-addons": {"-n": "--name", "-g": "--resource-group", "-a": "--addons"},
	"aks nodepool add": {"-n": "--name", "--nodepool-name": "--name", "-g": "--resource-group", "-c": "--node-count",
		"-k": "--kubernetes-version", "-s": "--node-vm-size", "-m": "--max-pods", "-e": "--enable-cluster-autoscaler",
		"-z": "--zones"},
	"aks nodepool update": {"-n": "--name", "--nodepool-name": "--name", "-g": "--resource-group",
		"-e": "--enable-cluster-autoscaler", "-d": "--disable-cluster-autoscaler", "-u": "--update-cluster-autoscaler"},
	"aks nodepool scale": {"-n": "--name", "--nodepool-name": "--name", "-g": "--resource-group", "-c": "--node-count"},
	"network vnet create": {"-n": "--name", "-g": "--resource-group", "-l": "--location",
		"--address-prefix": "--address-prefixes", "--subnet-prefix": "--subnet-prefixes"},
	"network vnet subnet create": {"-n": "--name", "-g": "--resource-group", "--address-prefix": "--address-prefixes",
		"--nsg": "--network-security-group", "--delegation": "--delegations"},
	"network vnet subnet update": {"-n": "--name", "-g": "--resource-group", "--address-prefix": "--address-prefixes",
		"--nsg": "--network-security-group", "--delegation": "--delegations"},
	"network vnet subnet show":         {"-n": "--name", "-g": "--resource-group"},
	"network vnet show":                {"-n": "--name", "-g": "--resource-group"},
	"network route-table create":       {"-n": "--name", "-g": "--resource-group"},
	"network route-table show":         {"-n": "--name", "-g": "--resource-group"},
	"network route-table route create": {"-n": "--name", "-g": "--resource-group"},
	"network vnet peering create":      {"-n": "--name", "-g": "--resource-group", "--remote-vnet-id": "--remote-vnet"},
	"network nsg create":               {"-n": "--name", "-g": "--resource-group"},
	"network nsg show":                 {"-n": "--name", "-g": "--resource-group"},
	"network nsg rule create": {"-n": "--name", "-g": "--resource-group",
		"--source-address-prefix": "--source-address-prefixes", "--destination-address-prefix": "--destination-address-prefixes",
		"--destination-port-range": "--destination-port-ranges"},
	"identity create": {"-n": "--name", "-g": "--resource-group"},
	"identity show":   {"-n": "--name", "-g": "--resource-group"},
}

// global flags every az command accepts.
var globalAliases = map[string]string{"-o": "--output", "-h": "--help"}

// parseAz splits an az command line into its command path and flags. ok is false when
// the line is not one of the commands the extractor reads.
func (in *interp) parseAz(c *syntax.CallExpr, args []arg) (*azCmd, bool) {
	var pathBuf [8]string // the longest command path has five words
	path := pathBuf[:0]
	i := 1
	for ; i < len(args); i++ {
		s, ok := args[i].known()
		if !ok || strings.HasPrefix(s, "-") {
			break
		}
		path = append(path, s)
	}
	p := strings.Join(path, " ")
	al, ok := aliases[p]
	if !ok {
		return nil, false
	}
	cmd := &azCmd{path: p, flags: map[string]*flagVal{},
		at: origin{Location: in.src.loc(int(c.Pos().Offset()), int(c.End().Offset()))}}
	// One allocation for the command's flags, not one each: counted first, fv never
	// grows past them, so &fv[k] stays valid.
	n := 0
	for _, a := range args[i:] {
		if isFlag(a) {
			n++
		}
	}
	fv := make([]flagVal, 0, n)
	var cur *flagVal
	curName := ""
	// run is where the words of cur's values start in args (-1: its first value is
	// not a word of args, the value of --flag=value): while they follow one another,
	// cur.vals is that run of args, cut to its length so an append copies, instead of
	// a copy of each word (the copies were a tenth of the bytes allocated reading a
	// small script, BenchmarkReadDir).
	run := -1
	for ; i < len(args); i++ {
		a := args[i]
		name, isFlag := flagName(a)
		if !isFlag {
			if _, known := a.known(); !known && cmd.opaque == nil && (cur == nil || len(cur.vals) > 0 || isSwitch(curName)) {
				cmd.opaque = &args[i]
			}
			switch {
			case cur == nil:
			case run >= 0 && run+len(cur.vals) == i:
				cur.vals = args[run : i+1 : i+1]
			default:
				cur.vals = append(cur.vals, a)
			}
			continue
		}
		val, hasVal := splitFlagValue(a)
		if canon, ok := al[name]; ok {
			name = canon
		} else if canon, ok := globalAliases[name]; ok {
			name = canon
		} else if strings.HasPrefix(name, "-o") && !strings.HasPrefix(name, "--") && len(name) > 2 {
			// -otsv
			val, hasVal = arg{value: knownValue(name[2:], -1), start: a.start, end: a.end, expr: a.expr}, true
			name = "--output"
		}
		fv = append(fv, flagVal{flag: a})
		cur, curName, run = &fv[len(fv)-1], name, i+1
		if hasVal {
			cur.vals, run = append(cur.vals, val), -1
		}
		cmd.flags[name] = cur
	}
	return cmd, true
}

// isFlag reports whether flagName names a flag in a: known text starting with '-'
// and a character that is not a digit.
func isFlag(a arg) bool {
	if len(a.pieces) == 0 || a.pieces[0].unknown {
		return false
	}
	t := a.pieces[0].text
	return len(t) >= 2 && t[0] == '-' && (t[1] < '0' || t[1] > '9')
}

// isSwitch reports a flag that takes no value (the ones the AKS docs use before an
// argument list): a word after it is in flag position.
func isSwitch(flag string) bool {
	switch flag {
	case "--generate-ssh-keys", "--no-wait", "--yes", "-y", "--no-ssh-key", "--debug", "--verbose",
		"--only-show-errors", "--skip-subnet-role-assignment":
		return true
	case "--enable-addons":
		return false
	}
	return strings.HasPrefix(flag, "--enable-") || strings.HasPrefix(flag, "--disable-")
}

// flagName returns the flag a word names ("--name" for "--name=x") when its known
// leading text starts with '-' and is not a negative number.
func flagName(a arg) (string, bool) {
	if !isFlag(a) {
		return "", false
	}
	t := a.pieces[0].text
	if i := strings.IndexByte(t, '='); i >= 0 && strings.HasPrefix(t, "--") {
		return t[:i], true
	}
	if len(a.pieces) > 1 {
		// a flag name built from a variable: not one the extractor can name
		return t + "?", true
	}
	return t, true
}

// splitFlagValue splits --flag=value, locating the value after the '='.
func splitFlagValue(a arg) (arg, bool) {
	t := a.pieces[0].text
	i := strings.IndexByte(t, '=')
	if i < 0 || !strings.HasPrefix(t, "--") {
		return arg{}, false
	}
	v := value{from: a.from, ref: ""}
	first := a.pieces[0]
	rest := piece{text: t[i+1:], off: -1, split: first.split}
	if first.off >= 0 {
		rest.off = first.off + i + 1
	}
	v.add(rest)
	for _, p := range a.pieces[1:] {
		v.add(p)
	}
	out := arg{value: v, start: a.start, end: a.end, expr: a.expr}
	if first.off >= 0 {
		out.start = first.off + i + 1
		out.expr = a.expr[min(len(a.expr), out.start-a.start):]
	}
	if len(a.pieces) == 1 && a.ref != "" {
		out.ref = a.ref
	}
	return out, true
}

func (c *azCmd) get(name string) *flagVal { return c.flags[name] }

func (c *azCmd) has(name string) bool { return c.flags[name] != nil }

// first returns the first value of a flag.
func (c *azCmd) first(name string) (arg, bool) {
	f := c.flags[name]
	if f == nil || len(f.vals) == 0 {
		return arg{}, false
	}
	return f.vals[0], true
}

// named returns the value of a flag that names a resource, unless it is empty (az
// rejects an empty name, so the command creates nothing).
func (c *azCmd) named(name string) (arg, bool) {
	a, ok := c.first(name)
	if s, known := a.known(); ok && known && s == "" {
		return arg{}, false
	}
	return a, ok
}

// knownFlag returns a flag's value when it is known.
func (c *azCmd) knownFlag(name string) (string, bool) {
	a, ok := c.first(name)
	if !ok {
		return "", false
	}
	return a.known()
}

// az handles one az command.
func (in *interp) az(c *syntax.CallExpr, args []arg) {
	cmd, ok := in.parseAz(c, args)
	if !ok {
		return
	}
	switch cmd.path {
	case "aks create":
		in.aksCreate(cmd)
	case "aks update":
		in.aksUpdate(cmd)
	case "aks enable-addons":
		in.aksEnableAddons(cmd)
	case "aks nodepool add":
		in.nodepoolAdd(cmd)
	case "aks nodepool update", "aks nodepool scale":
		in.nodepoolUpdate(cmd)
	case "network vnet create":
		in.vnetCreate(cmd)
	case "network vnet subnet create", "network vnet subnet update":
		in.subnetCreate(cmd, cmd.path == "network vnet subnet create")
	case "network route-table create":
		in.routeTableCreate(cmd)
	case "network route-table route create":
		in.routeCreate(cmd)
	case "network vnet peering create":
		in.peeringCreate(cmd)
	case "network nsg create":
		in.nsgCreate(cmd)
	case "network nsg rule create":
		in.nsgRuleCreate(cmd)
	}
	in.idOutput(cmd)
}

// idOutput records what `--query id -o tsv` prints for the commands whose resource the
// extractor can name, so $(...) around them resolves to that resource.
func (in *interp) idOutput(cmd *azCmd) {
	q, _ := cmd.knownFlag("--query")
	o, _ := cmd.knownFlag("--output")
	if q != "id" || o != "tsv" {
		return
	}
	name, ok1 := cmd.first("--name")
	var ref string
	switch cmd.path {
	case "network vnet subnet show", "network vnet subnet create", "network vnet subnet update":
		vnet, ok2 := cmd.first("--vnet-name")
		s, ok3 := name.known()
		v, ok4 := vnet.known()
		if ok1 && ok2 && ok3 && ok4 && s != "" && v != "" {
			ref = "subnet:" + v + "/" + s
		}
	case "network vnet show", "network vnet create":
		if s, ok := name.known(); ok1 && ok && s != "" {
			ref = "vnet:" + netdoc.NameKey(s)
		}
	case "network route-table show", "network route-table create":
		if s, ok := name.known(); ok1 && ok && s != "" {
			ref = "routetable:" + netdoc.NameKey(s)
		}
	case "network nsg show", "network nsg create":
		if s, ok := name.known(); ok1 && ok && s != "" {
			ref = "nsg:" + netdoc.NameKey(s)
		}
	case "identity show", "identity create":
		if s, ok := name.known(); ok1 && ok && s != "" {
			ref = "identity:" + netdoc.NameKey(s)
		}
	}
	if ref != "" {
		v := value{ref: ref}
		v.addFrom(name.from...)
		if vnet, ok := cmd.first("--vnet-name"); ok {
			v.addFrom(vnet.from...)
		}
		in.output = &v
	}
}
