package extract

import (
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// bicepResults extracts a .bicep file with each parameter file it pairs with
// (opt.Parameters, else X.parameters.json, X.<variant>.parameters.json and the
// .bicepparam files beside it that name it in their using line), or alone.
func bicepResults(path string, data []byte, opt Options) ([]Result, error) {
	bopt := bicep.Options{Load: bicepLoader(path, opt)}
	params := opt.Parameters
	if len(params) == 0 {
		params = bicepParameterFiles(path)
	}
	if len(params) == 0 {
		r, err := bicepResult(path, data, bopt)
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
		r, err := bicepResult(path, data, o)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// bicepResult compiles and reads a .bicep file, with its bounded parameters and how
// to read its variants (from the one compilation).
func bicepResult(path string, data []byte, opt bicep.Options) (Result, error) {
	c, err := bicep.Prepare(path, data, opt)
	if err != nil {
		return Result{}, err
	}
	var bounded []armeval.Bounded
	doc, locs := c.Extract(nil, &bounded)
	variant := func(o armeval.Override) Result {
		doc, locs := c.Extract(&o, nil)
		return Result{Doc: doc, Locs: locs}
	}
	return Result{Doc: doc, Locs: locs, Bounded: bounded, Variant: variant}, nil
}

// bicepParamResults lints a named .bicepparam file with the template it names.
func bicepParamResults(path string, data []byte, opt Options) ([]Result, error) {
	pf, err := bicep.ParseParamFile(path, data)
	if err != nil {
		return nil, err
	}
	using := pf.UsingPath()
	if using == "" || !bicep.IsBicepName(using) {
		return nil, &netdoc.SourceError{Location: netdoc.Location{File: path, Line: 1, Column: 1}, Msg: "parameter file without a template: expected using 'X.bicep' naming a Bicep file beside it"}
	}
	tmpl, err := safeRelative(path, using, bicepRoot(path, opt))
	if err != nil {
		return nil, &netdoc.SourceError{Location: netdoc.Location{File: path, Line: 1, Column: 1}, Msg: "template of this parameter file: " + err.Error()}
	}
	tdata, err := ReadFile(tmpl, maxSize(opt))
	if err != nil {
		return nil, &netdoc.SourceError{Location: netdoc.Location{File: path, Line: 1, Column: 1}, Msg: "template of this parameter file: " + err.Error()}
	}
	o := opt
	o.Parameters = []string{path}
	return bicepResults(tmpl, tdata, o)
}

// bicepParameterFiles lists the parameter files beside a .bicep file that pair
// with it, sorted: JSON ones by name, .bicepparam ones by their using line.
func bicepParameterFiles(path string) []string {
	dir, base := filepath.Split(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	entries, err := os.ReadDir(dirOrDot(dir))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		switch {
		case arm.IsParameterFileName(name):
			s := name[:len(name)-len(".parameters.json")]
			if strings.EqualFold(s, stem) {
				out = append(out, filepath.Join(dir, name))
			} else if v, ok := strings.CutPrefix(s, stem+"."); ok && v != "" && !exists(filepath.Join(dir, s+".bicep")) && !exists(filepath.Join(dir, s+".json")) {
				out = append(out, filepath.Join(dir, name))
			}
		case bicep.IsParamName(name):
			p := filepath.Join(dir, name)
			data, err := ReadFile(p, DefaultMaxFileSize)
			if err != nil {
				continue
			}
			pf, err := bicep.ParseParamFile(p, data)
			if err != nil {
				// Paired anyway, so that its syntax error is reported.
				out = append(out, p)
				continue
			}
			if u := pf.UsingPath(); u != "" && filepath.Clean(filepath.Join(dir, filepath.FromSlash(u))) == filepath.Clean(path) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// generatedFrom is the .bicep source of a template the Bicep compiler emitted
// beside it (main.json from main.bicep), or "".
func generatedFrom(src *jsonsrc.Source, root gjson.Result, path string) string {
	if !armeval.IsBicep(src, root) {
		return ""
	}
	ext := filepath.Ext(path)
	b := strings.TrimSuffix(path, ext) + ".bicep"
	if exists(b) {
		return b
	}
	return ""
}

// generatedNote is the result of a compiled template skipped for its source.
func generatedNote(path, source string) []Result {
	doc := netdoc.New(path, netdoc.KindBicep)
	doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{Pointer: "", Expression: filepath.Base(path),
		Reason: "compiled by Bicep from " + filepath.Base(source) + ", which is linted instead"})
	locs := netdoc.Locations{"": {Location: netdoc.Location{File: path, Line: 1, Column: 1}}}
	return []Result{{Doc: doc, Locs: locs}}
}

// bicepRoot is where a Bicep file may read modules, its template (from a
// .bicepparam) and load*Content files: the run's root, else the file's own directory.
func bicepRoot(path string, opt Options) pathpolicy.Root {
	if opt.Root.Dir() != "" {
		return opt.Root
	}
	root, _ := pathpolicy.New(filepath.Dir(path)) // an error leaves the zero Root: nothing is read
	return root
}

// bicepLoader reads the modules and load*Content files of a Bicep file.
func bicepLoader(path string, opt Options) bicep.Loader {
	root := bicepRoot(path, opt)
	return func(from, rel string) (string, []byte, error) {
		p, err := safeRelative(from, rel, root)
		if err != nil {
			return "", nil, err
		}
		data, err := ReadFile(p, maxSize(opt))
		if err != nil {
			return "", nil, err
		}
		return p, data, nil
	}
}

// safeRelative resolves a path a file refers to relative to its directory through
// the path policy (internal/pathpolicy): a regular file inside the root, after ".."
// and symbolic links, or an error that says why; a refused path is never opened.
func safeRelative(from, rel string, root pathpolicy.Root) (string, error) {
	return root.Resolve(from, rel)
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

// exists reports whether a sibling of a linted file is there (X.bicep beside X.json):
// Lstat reads no content and follows no link.
func exists(path string) bool {
	_, err := os.Lstat(path) //nolint:gosec // a sibling of a file the walk or the user named; nothing is opened
	return err == nil
}

// bicepFor is the .bicep file a JSON parameter file pairs with: the longest X.bicep
// beside X.parameters.json or X.<variant>.parameters.json, or "".
func bicepFor(paramFile string) string {
	dir, base := filepath.Split(paramFile)
	if !arm.IsParameterFileName(base) {
		return ""
	}
	for s := base[:len(base)-len(".parameters.json")]; s != ""; {
		if b := filepath.Join(dir, s+".bicep"); exists(b) {
			return b
		}
		i := strings.LastIndexByte(s, '.')
		if i <= 0 {
			return ""
		}
		s = s[:i]
	}
	return ""
}
