package extract

import (
	"path/filepath"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// bicepResults extracts a .bicep file with each of params (JSON parameter files and
// .bicepparam files), or alone.
func bicepResults(path string, data []byte, params []string, opt Options) ([]Result, error) {
	bopt := bicep.Options{Load: bicepLoader(path, opt)}
	if len(params) == 0 {
		r, err := bicepResult(path, data, bopt, !opt.NoVariants)
		if err != nil {
			return nil, err
		}
		return []Result{r}, nil
	}
	var out []Result
	for _, p := range params {
		o := bopt
		if bicep.IsParamName(p) {
			pdata, err := ReadFile(p, maxSize(opt))
			if err != nil {
				return nil, &netdoc.SourceError{Location: netdoc.Location{File: p, Line: 1, Column: 1}, Msg: "parameter file: " + err.Error()}
			}
			pf, err := bicep.ParseParamFile(p, pdata)
			if err != nil {
				return nil, err
			}
			o.ParamFile = pf
		} else {
			pf, err := readParams(p, opt)
			if err != nil {
				return nil, err
			}
			o.Params = pf
		}
		r, err := bicepResult(path, data, o, !opt.NoVariants)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// bicepResult compiles and reads a .bicep file, with how to read its variants (from
// the one compilation) and, when withBounded is set (variants will be evaluated), its
// bounded parameters.
func bicepResult(path string, data []byte, opt bicep.Options, withBounded bool) (Result, error) {
	c, err := bicep.Prepare(path, data, opt)
	if err != nil {
		return Result{}, err
	}
	var bounded []armeval.Bounded
	want := &bounded
	if !withBounded {
		want = nil
	}
	doc, locs := c.Extract(nil, want)
	variant := func(o armeval.Override) Result {
		doc, locs := c.Extract(&o, nil)
		return Result{Doc: doc, Locs: locs}
	}
	return Result{Doc: doc, Locs: locs, Bounded: bounded, Variant: variant}, nil
}

// bicepParamResults lints a named .bicepparam file with the template its pairing
// names (its using line, resolved by the planner: Pairer.Beside).
func bicepParamResults(path string, opt Options) ([]Result, error) {
	if opt.Pairing.Err != nil {
		return nil, opt.Pairing.Err
	}
	tmpl := opt.Pairing.Template.Path
	tdata, err := ReadFile(tmpl, maxSize(opt))
	if err != nil {
		return nil, &netdoc.SourceError{Location: netdoc.Location{File: path, Line: 1, Column: 1}, Msg: "template of this parameter file: " + err.Error()}
	}
	return bicepResults(tmpl, tdata, []string{path}, opt)
}

// generatedNote is the result of a compiled template skipped for its source.
func generatedNote(path, source string) []Result {
	doc := netdoc.New(path, netdoc.KindBicep)
	// "no rule checked the template main.json: compiled by Bicep from main.bicep, ..."
	doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{Pointer: "", Expression: "the template " + filepath.Base(path),
		Reason: "compiled by Bicep from " + filepath.Base(source) + ", which is linted instead",
		At:     &netdoc.Located{Location: netdoc.Location{File: path, Line: 1, Column: 1}}})
	return []Result{{Doc: doc, Locs: netdoc.Locations{}}}
}

// bicepRoot is where a Bicep file may read modules, its template (from a
// .bicepparam) and load*Content files: the run's root, else the file's own directory.
func bicepRoot(path string, root pathpolicy.Root) pathpolicy.Root {
	if root.Dir() != "" {
		return root
	}
	own, _ := pathpolicy.New(filepath.Dir(path)) // an error leaves the zero Root: nothing is read
	return own
}

// bicepLoader reads the modules and load*Content files of a Bicep file. Its
// resolver resolves each directory of the project once (BenchmarkCorpusPairs: most
// of the system calls of reading a project were the same directories resolved
// again for each module), and the file's Lstat from the path policy stands for the
// reader's stat.
func bicepLoader(path string, opt Options) bicep.Loader {
	res := bicepRoot(path, opt.Root).Resolver()
	// read are the files read, by path as opened: a module or data file named by
	// two relative paths (from files in different directories) is opened once. The
	// compiler keeps every file it reads for the compilation anyway.
	read := map[string][]byte{}
	return func(from, rel string) (string, []byte, error) {
		p, info, err := res.Resolve(from, rel)
		if err != nil {
			return "", nil, err
		}
		if data, ok := read[p]; ok {
			return p, data, nil
		}
		data, err := ReadFileStat(p, info, maxSize(opt))
		if err != nil {
			return "", nil, err
		}
		read[p] = data
		return p, data, nil
	}
}

// safeRelative resolves a path a file refers to relative to its directory through
// the path policy (internal/pathpolicy): a regular file inside the root, after ".."
// and symbolic links, or an error that says why; a refused path is never opened.
func safeRelative(from, rel string, root pathpolicy.Root) (string, error) {
	return root.Resolve(from, rel)
}
