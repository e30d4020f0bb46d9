package lint

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// One finding per mistake. A template linted with several parameter files, a module
// deployed by a copy loop, a resource copied n times: each gives the same finding at the
// same place several times. dedupe keeps one finding per rule, location and message,
// naming the parameter files it holds under and the instances it applies to, with the
// related locations of all of them.

// dedupeKey is what makes two findings the same mistake.
type dedupeKey struct {
	rule, msg string
	loc       netdoc.Location
}

// dedupe merges findings that share rule, location and message, keeping the order of
// their first occurrence. Findings from a pairing with a parameter file carry it in
// ParameterFiles (set by assemble).
func dedupe(fs []finding.Finding) []finding.Finding {
	if len(fs) < 2 {
		nameParameterFiles(fs)
		return fs
	}
	first := make(map[dedupeKey]int, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := dedupeKey{rule: f.RuleID, msg: f.Message, loc: f.Location}
		i, seen := first[k]
		if !seen {
			first[k] = len(out)
			out = append(out, f)
			continue
		}
		merge(&out[i], f)
	}
	out = mergeInstances(out)
	nameParameterFiles(out)
	return out
}

// mergeInstances merges findings at one location whose messages differ only in the
// name of the instance they are about: a module deployed by a copy loop gives a cluster
// "aks-weu", "aks-neu" and "aks-frc" from one piece of text, and one mistake there.
func mergeInstances(fs []finding.Finding) []finding.Finding {
	first := make(map[dedupeKey]int, len(fs))
	out := fs[:0]
	for _, f := range fs {
		norm, name := instanceMessage(f)
		if name == "" {
			out = append(out, f)
			continue
		}
		k := dedupeKey{rule: f.RuleID, msg: norm, loc: f.Location}
		i, seen := first[k]
		if !seen {
			first[k] = len(out)
			if len(f.Instances) == 0 {
				f.Instances = []string{unquote(name)}
			}
			out = append(out, f)
			continue
		}
		g := f
		g.Instances = nil
		g.LogicalLocation = out[i].LogicalLocation
		merge(&out[i], g)
		if n := unquote(name); !slices.Contains(out[i].Instances, n) {
			out[i].Instances = append(out[i].Instances, n)
		}
	}
	for i := range out {
		if len(out[i].Instances) == 1 {
			out[i].Instances = nil // one instance: nothing to list
		}
	}
	return out
}

// instanceMessage is the message with the name of the instance it is about (the first
// segment of its logical location: clusters[aks-weu]) taken out, and that name as the
// message writes it. The name is "" when the message does not name the instance.
func instanceMessage(f finding.Finding) (norm, name string) {
	seg, _, _ := strings.Cut(f.LogicalLocation, "/")
	open := strings.IndexByte(seg, '[')
	if open < 0 || !strings.HasSuffix(seg, "]") {
		return "", ""
	}
	key := seg[open+1 : len(seg)-1]
	if key == "" || strings.HasPrefix(key, "?") {
		return "", ""
	}
	q := strconv.Quote(key)
	i := strings.Index(strings.ToLower(f.Message), strings.ToLower(q))
	if i < 0 {
		return "", ""
	}
	name = f.Message[i : i+len(q)]
	return strings.ReplaceAll(f.Message, name, "\x00"), name
}

// merge folds g, the same mistake found again, into f. A mistake found once without
// any parameter file (a network file linted alone, and again through a cluster
// template that references it with its parameter file) holds whatever the parameter
// files: it names none.
func merge(f *finding.Finding, g finding.Finding) {
	switch {
	case len(f.ParameterFiles) == 0:
	case len(g.ParameterFiles) == 0:
		f.ParameterFiles = nil
	default:
		for _, p := range g.ParameterFiles {
			if !slices.Contains(f.ParameterFiles, p) {
				f.ParameterFiles = append(f.ParameterFiles, p)
			}
		}
	}
	if g.LogicalLocation != f.LogicalLocation {
		if len(f.Instances) == 0 && f.LogicalLocation != "" {
			f.Instances = []string{f.LogicalLocation}
		}
		if g.LogicalLocation != "" && !slices.Contains(f.Instances, g.LogicalLocation) {
			f.Instances = append(f.Instances, g.LogicalLocation)
		}
	}
	for _, r := range g.Related {
		if !slices.Contains(f.Related, r) {
			f.Related = append(f.Related, r)
		}
	}
}

// maxListed bounds the parameter files and instances a message lists.
const maxListed = 5

// nameParameterFiles adds to each message the parameter files and instances the finding
// holds under: "(with parameter files dev.json and prod.json)".
func nameParameterFiles(fs []finding.Finding) {
	for i := range fs {
		f := &fs[i]
		slices.Sort(f.ParameterFiles)
		var notes []string
		if n := len(f.ParameterFiles); n > 0 {
			names := make([]string, n)
			for j, p := range f.ParameterFiles {
				names[j] = filepath.Base(p)
			}
			word := "parameter file "
			if n > 1 {
				word = "parameter files "
			}
			notes = append(notes, "with "+word+listed(names))
		}
		if n := len(f.Instances); n > 1 {
			slices.Sort(f.Instances)
			quoted := make([]string, n)
			for j, x := range f.Instances {
				quoted[j] = strconv.Quote(x)
			}
			notes = append(notes, "the same for "+strconv.Itoa(n)+" instances: "+listed(quoted))
		}
		if len(notes) > 0 {
			f.Message += " (" + strings.Join(notes, "; ") + ")"
		}
	}
}

// listed joins names as "a, b and c", the first maxListed of them and how many more.
func listed(names []string) string {
	if len(names) > maxListed {
		return strings.Join(names[:maxListed], ", ") + " and " + strconv.Itoa(len(names)-maxListed) + " more"
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}
