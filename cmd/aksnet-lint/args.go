package main

import (
	"fmt"
	"github.com/agnivade/levenshtein"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// urfave/cli v2 (Go's flag package) stops reading options at the first path, so
// `aksnet-lint . -f sarif -o out.sarif`, the order most CI snippets use, would lint files
// named -f, sarif... normalizeArgs puts every option of a command line before its
// positional arguments, behind a "--", checking each option on the way so that a
// mistake gives one line naming the option as it was written.

// flagSpec is what normalizeArgs needs of a command: its options (whether each takes a
// value) and its subcommands.
type flagSpec struct {
	takesValue map[string]bool
	names      []string // as written with dashes, for suggestions
}

func specOf(flags []cli.Flag) flagSpec {
	s := flagSpec{takesValue: map[string]bool{}}
	add := func(f cli.Flag) {
		tv := false
		if v, ok := f.(interface{ TakesValue() bool }); ok {
			tv = v.TakesValue()
		}
		for _, n := range f.Names() {
			if _, seen := s.takesValue[n]; !seen { // the help flag, once urfave/cli added it
				s.names = append(s.names, dashed(n))
			}
			s.takesValue[n] = tv
		}
	}
	for _, f := range flags {
		add(f)
	}
	add(cli.HelpFlag)
	return s
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// commandWord is where a command line names a command: its first positional argument
// before any "--". It returns -1 for none.
func commandWord(args []string, spec flagSpec) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return -1
		case isOption(a):
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if spec.takesValue[name] && !hasValue {
				i++
			}
		default:
			return i
		}
	}
	return -1
}

func asksHelp(opts []string) bool {
	return slices.ContainsFunc(opts, func(o string) bool { return o == "-h" || o == "--help" })
}

func isOption(a string) bool { return len(a) > 1 && a[0] == '-' }

// permute returns args with the options first, then "--" and the positional arguments
// (none of the "--" when there are none). where names the command for messages.
func permute(args []string, spec flagSpec, where string) (opts, positional []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !isOption(a) {
			positional = append(positional, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takes, known := spec.takesValue[name]
		if !known || strings.HasPrefix(a, "---") {
			return nil, nil, unknownOption(a, spec, where)
		}
		opts = append(opts, a)
		if takes && !hasValue {
			if i+1 >= len(args) {
				return nil, nil, usageHint(where, "option %s needs a value", optionAsWritten(a))
			}
			i++
			opts = append(opts, args[i])
		}
	}
	return opts, positional, nil
}

func optionAsWritten(a string) string {
	name, _, _ := strings.Cut(a, "=")
	return name
}

func unknownOption(a string, spec flagSpec, where string) error {
	written := optionAsWritten(a)
	msg := "unknown option " + written
	if s := nearest(strings.TrimLeft(written, "-"), spec.names, func(n string) string { return strings.TrimLeft(n, "-") }); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	return usageHint(where, "%s", msg)
}

// usageHint is a usage error with the hint to the command's help.
func usageHint(where, format string, args ...any) error {
	return &exitError{code: exitFailure, err: fmt.Errorf(format, args...), hint: true, command: where}
}

// normalizeArgs checks the options of a command line and moves them before its
// positional arguments. A first positional argument that is the name of a command
// but comes after "--" is a path: it is written ./NAME so that it stays one.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) == 0 {
		return args, nil
	}
	root := specOf(app.Flags)
	rest := args[1:]
	cmdAt := commandWord(rest, root)
	var cmd *cli.Command
	if cmdAt >= 0 {
		for _, c := range app.Commands {
			if c.HasName(rest[cmdAt]) {
				cmd = c
			}
		}
		if cmd == nil && (rest[cmdAt] == "help" || rest[cmdAt] == "h") {
			cmd = &cli.Command{Name: "help"}
		}
	}
	var before, after []string
	if cmd == nil {
		before = rest
	} else {
		before, after = rest[:cmdAt], rest[cmdAt+1:]
	}
	opts, paths, err := permute(before, root, "")
	if err != nil {
		return nil, err
	}
	out := append([]string{args[0]}, opts...)
	if cmd == nil && asksHelp(opts) {
		return []string{args[0], "--help"}, nil // the paths would be read as help topics
	}
	if cmd == nil {
		if len(paths) > 0 {
			if app.Command(paths[0]) != nil || paths[0] == "help" || paths[0] == "h" {
				paths[0] = "./" + paths[0]
			}
			out = append(append(out, "--"), paths...)
		}
		return out, nil
	}
	cmdOpts, cmdArgs, err := permute(after, specOf(cmd.Flags), cmd.Name)
	if err != nil {
		return nil, err
	}
	if asksHelp(cmdOpts) {
		return append(out, cmd.Name, "--help"), nil
	}
	if err := checkCommandArgs(app, cmd.Name, cmdArgs); err != nil {
		return nil, err
	}
	out = append(append(out, cmd.Name), cmdOpts...)
	if len(cmdArgs) > 0 {
		out = append(append(out, "--"), cmdArgs...)
	}
	return out, nil
}

// checkCommandArgs checks the arguments of the commands that take names, not paths.
func checkCommandArgs(app *cli.App, cmd string, args []string) error {
	switch cmd {
	case "help":
		if len(args) > 1 {
			return usageHint("", "help takes at most one command")
		}
		if len(args) == 1 && app.Command(args[0]) == nil && args[0] != "help" {
			return usageHint("", "no command %s (commands: %s)", args[0], strings.Join(commandNames(app), ", "))
		}
	case "completion":
		if len(args) != 1 || !slices.Contains(shells, args[0]) {
			return usageHint("completion", "completion takes one shell: %s", strings.Join(shells, ", "))
		}
	case "version":
		if len(args) > 0 {
			return usageHint("version", "version takes no argument")
		}
	}
	return nil
}

func commandNames(app *cli.App) []string {
	var names []string
	for _, c := range app.Commands {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// nearest returns the candidate closest to s by edit distance, when it is close
// enough to be a typing mistake (at most a third of s's length, at least 1), or "".
func nearest(s string, candidates []string, key func(string) string) string {
	best, bestDist := "", max(len(s)/3, 1)+1
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(s, key(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// oneDash matches an option in an error of Go's flag package, which writes every
// option with one dash.
var oneDash = regexp.MustCompile(`(^|[\s:])-([a-z][a-z-]+)`)

// onUsageError turns what urfave/cli still finds (a bad boolean value) into one line and
// the hint, with the option's real dashes.
func onUsageError(where string) cli.OnUsageErrorFunc {
	return func(_ *cli.Context, err error, _ bool) error {
		return usageHint(where, "%s", oneDash.ReplaceAllString(err.Error(), "$1--$2"))
	}
}
