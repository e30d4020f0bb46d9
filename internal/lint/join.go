package lint

import (
	"sync"

	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netindex"
)

// One repository, one network. A cluster's subnet, a pool's pod subnet or a peering
// often names a VNet that another file of the run declares (a platform team's
// template, the script run before). Every file is extracted as before, and what it
// declares goes into the run's network index (internal/netindex); a document that
// references a network it does not declare waits, and once every file is extracted it
// is joined with the index (then the inventory) and evaluated. The others are
// evaluated at once, so a run holds only the index and the waiting documents.
//
// join is a function of one document: an evaluation of a document with other values
// (another parameter file, a variant) joins it the same way.

// joiner holds the run's network index and the documents waiting for it.
type joiner struct {
	off bool // Options.NoJoin: each file alone
	// alone: the run has one file, whose documents are all of that file; a join
	// never takes a document's own file's declarations (netindex.Index.Lookup), so
	// what it declares is not read (a tenth of extracting the hub of
	// bench/network.sh went into reading it). Its documents still wait and are
	// joined as in any run: with an index that has nothing to give.
	alone bool
	// deployment is where a file is deployed: its join group (the plan's).
	deployment func(file string) netdoc.Scope
	index      *netindex.Index

	mu      sync.Mutex
	waiting []pendingDoc
}

func newJoiner(deployment func(file string) netdoc.Scope, off, alone bool) *joiner {
	return &joiner{off: off, alone: alone && !testHookDeclareAlone, deployment: deployment, index: netindex.New()}
}

// testHookDeclareAlone, when a test sets it, makes a run of one file read what it
// declares, as a run of several does.
var testHookDeclareAlone bool

// declared reads what a document declares, before anything is merged into it.
func (j *joiner) declared(r extract.Result) netindex.Declared {
	if j.off || j.alone {
		return netindex.Declared{}
	}
	return netindex.Declarations(r.Doc, r.Locs, j.deployment(r.Doc.File))
}

// waits tells whether a document is to wait for the index: it references a network
// it does not declare.
func (j *joiner) waits(doc *netdoc.Document) bool {
	return !j.off && netindex.External(doc)
}

// hold keeps a document until every file is extracted.
func (j *joiner) hold(d pendingDoc) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.waiting = append(j.waiting, d)
}

// take takes the documents held.
func (j *joiner) take() []pendingDoc {
	j.mu.Lock()
	defer j.mu.Unlock()
	d := j.waiting
	j.waiting = nil
	return d
}

// join adds to a document the facts of the networks it references that exactly one
// other file declares (see netindex.Index.Join).
func (j *joiner) join(r extract.Result) {
	if j.off {
		return
	}
	j.index.Join(r.Doc, r.Locs, j.deployment(r.Doc.File))
}
