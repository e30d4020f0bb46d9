package engine

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/parallel"
)

// summaryQuery is the review report's query. The policy computes every number, so the
// report and the rules share one set of sizing formulas (policies/lib).
const summaryQuery = "summary = data.aksnet.report.summary"

// Summary is the review report's view of one network document (policies/report).
// A nil number is unknown: the policy never guesses one.
type Summary struct {
	File          string      `json:"file"`
	ParameterFile string      `json:"parameterFile,omitempty"`
	Kind          netdoc.Kind `json:"kind"`
	// Error is set when the summary could not be computed; the rest is then empty.
	Error    string           `json:"error,omitempty"`
	Clusters []ClusterSummary `json:"clusters"`
	Subnets  []SubnetSummary  `json:"subnets"`
	Ranges   []AddressRange   `json:"ranges"`
	// Unresolved are in source order.
	Unresolved []UnresolvedValue `json:"unresolved"`
}

// Setting is one value of the document and how it is known.
type Setting struct {
	Name string `json:"name,omitempty"`
	// State is "stated", "default" (an effective default of RULES.md), "unresolved"
	// (not known statically; Value holds any part that is) or "absent". A cluster's
	// model is "stated" when it is known and "unknown" otherwise.
	State string `json:"state"`
	// Value is a string, a number, a boolean or a list of strings.
	Value any `json:"value,omitempty"`
	// Label names a model ("Azure CNI Overlay").
	Label string `json:"label,omitempty"`
	// Expression and Reason say why an unresolved value is not known.
	Expression string `json:"expression,omitempty"`
	Reason     string `json:"reason,omitempty"`
	// Note explains a value that has no effect.
	Note string `json:"note,omitempty"`
}

// ClusterSummary is one cluster: its network model, settings, pools and pod CIDR.
type ClusterSummary struct {
	Key      string        `json:"key"`
	Name     string        `json:"name"`
	Existing bool          `json:"existing"`
	Model    Setting       `json:"model"`
	Settings []Setting     `json:"settings"`
	Pools    []PoolSummary `json:"pools"`
	// PodCIDR is the /24 node block accounting of a kubenet or overlay cluster's single
	// IPv4 pod CIDR; nil for other models.
	PodCIDR *PodCIDRCapacity `json:"podCidr"`
}

// PoolSummary is one node pool; Settings is keyed by node pool field (count, maxPods...).
type PoolSummary struct {
	Name       string             `json:"name"`
	Settings   map[string]Setting `json:"settings"`
	SurgeNodes struct {
		Deploy *int `json:"deploy"` // at the pool's count
		Max    *int `json:"max"`    // at maxCount when autoscaling
	} `json:"surgeNodes"`
}

// Needs is what a range must hold four ways: at deploy (every pool at its count), with
// surge nodes, at maximum (autoscaling pools at maxCount), and at maximum with surge.
type Needs struct {
	Deploy      *int       `json:"deploy"`
	DeploySurge *int       `json:"deploySurge"`
	Max         *int       `json:"max"`
	MaxSurge    *int       `json:"maxSurge"`
	MoreNodes   *MoreNodes `json:"moreNodes"`
}

// MoreNodes is how many more nodes fit at maximum: Min to Max depending on the pool
// (PerNode are the pools' per-node costs), or Short addresses missing.
type MoreNodes struct {
	Min     *int  `json:"min"`
	Max     *int  `json:"max"`
	PerNode []int `json:"perNode"`
	Short   *int  `json:"short"`
}

// PodCIDRCapacity counts a pod CIDR's /24 node blocks against the cluster's nodes.
type PodCIDRCapacity struct {
	CIDR   string `json:"cidr"`
	Blocks int    `json:"blocks"`
	Needs
}

// SubnetSummary is one subnet: its prefixes, usable addresses and uses.
type SubnetSummary struct {
	Key string `json:"key"`
	// Label is the subnet as the author wrote it (VNet/subnet), for display.
	Label    string      `json:"label,omitempty"`
	VNet     string      `json:"vnet"`
	Name     string      `json:"name"`
	Declared bool        `json:"declared"`
	Prefixes Setting     `json:"prefixes"`
	Usable   *int        `json:"usable"`
	Uses     []SubnetUse `json:"uses"`
}

// SubnetUse is one role a subnet plays: "node" or "pod" (with needs), "apiserver" or
// "virtualnodes" (users only).
type SubnetUse struct {
	Role string `json:"role"`
	// Users are "cluster/pool" for node and pod roles, cluster names for the others.
	Users []string `json:"users"`
	// Complete is false when some pool's subnet reference is unresolved: that pool may
	// use this subnet too, so the needs are unknown.
	Complete bool `json:"complete"`
	Needs
}

// AddressRange is one range of the address map.
type AddressRange struct {
	// Kind is vnet, subnet, service, pod, peering or connected.
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	CIDR    string `json:"cidr"`
	Family  string `json:"family"` // IPv4 or IPv6
	VNet    string `json:"vnet,omitempty"`
	Cluster string `json:"cluster,omitempty"`
	// Overlaps are the other ranges sharing addresses with this one, except a subnet with
	// its own VNet and ranges private to different clusters.
	Overlaps []RangeRef `json:"overlaps"`
}

// RangeRef names another range of the map.
type RangeRef struct {
	Label string `json:"label"`
	CIDR  string `json:"cidr"`
}

// UnresolvedValue is a value not known statically, named and located.
type UnresolvedValue struct {
	netdoc.Unresolved
	// Setting names the value by keys (clusters[aks]/networkProfile/serviceCidrs).
	Setting  string          `json:"setting"`
	Location netdoc.Location `json:"location"`
}

// preparedSummary is an engine's summary query, prepared on first use so that runs
// without the review report never pay for it.
type preparedSummary struct {
	once  sync.Once
	query *query
	err   error
}

func (e *Engine) summaryQuery() (*query, error) {
	if e.noSummary {
		return nil, errors.New("the review report's policies were not loaded (engine option NoSummary)")
	}
	p := &e.summary
	p.once.Do(func() {
		p.query, p.err = newQuery(e.compiler, summaryQuery, "summary")
		if p.err != nil {
			p.err = fmt.Errorf("preparing the summary query: %w", p.err)
		}
	})
	return p.query, p.err
}

// Summary computes the review report's summary of one document.
func (e *Engine) Summary(ctx context.Context, in Input) (Summary, error) {
	s := Summary{File: in.Doc.File, ParameterFile: in.Doc.ParameterFile, Kind: in.Doc.Kind}
	query, err := e.summaryQuery()
	if err != nil {
		return s, err
	}
	input := toValue(reflect.ValueOf(in.Doc))
	if obj, ok := input.(ast.Object); ok {
		obj.Insert(ast.StringTerm("labels"), ast.NewTerm(toValue(reflect.ValueOf(unquotedLabels(Labels(in.Doc, in.Locs))))))
	}
	v, err := query.eval(ctx, input)
	if err != nil {
		return s, fmt.Errorf("%s: computing the summary: %w", in.Doc.File, err)
	}
	if v == nil {
		return s, fmt.Errorf("%s: the summary policy gave no result", in.Doc.File)
	}
	// The result is plain JSON-shaped data; one round trip types it (the review report
	// only).
	plain, err := ast.JSON(v)
	if err != nil {
		return s, fmt.Errorf("%s: reading the summary: %w", in.Doc.File, err)
	}
	raw, err := json.Marshal(plain)
	if err != nil {
		return s, fmt.Errorf("%s: reading the summary: %w", in.Doc.File, err)
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("%s: reading the summary: %w", in.Doc.File, err)
	}
	s.File, s.ParameterFile, s.Kind = in.Doc.File, in.Doc.ParameterFile, in.Doc.Kind
	for i := range s.Unresolved {
		u := &s.Unresolved[i]
		u.Setting = LogicalLocation(in.Doc, u.Pointer)
		if loc, ok := in.Locs.Resolve(u.Pointer); ok {
			u.Location = loc.Location
		} else {
			u.Location = netdoc.Location{File: in.Doc.File}
		}
	}
	slices.SortStableFunc(s.Unresolved, func(a, b UnresolvedValue) int {
		return cmp.Or(cmp.Compare(a.Location.Line, b.Location.Line), cmp.Compare(a.Location.Column, b.Location.Column),
			cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Expression, b.Expression))
	})
	return s, nil
}

// SummaryAll computes the summaries of documents in parallel on GOMAXPROCS workers, in
// the order of ins. A document whose summary fails (or panics) gets one with Error set.
func (e *Engine) SummaryAll(ctx context.Context, ins []Input) []Summary {
	out := make([]Summary, len(ins))
	parallel.Each(len(ins), func(i int) { out[i] = e.safeSummary(ctx, ins[i]) })
	return out
}

func (e *Engine) safeSummary(ctx context.Context, in Input) (s Summary) {
	defer func() {
		if r := recover(); r != nil {
			s = Summary{File: in.Doc.File, ParameterFile: in.Doc.ParameterFile, Kind: in.Doc.Kind,
				Error: fmt.Sprintf("internal error while computing the summary: %v", r)}
		}
	}()
	s, err := e.Summary(ctx, in)
	if err != nil {
		return Summary{File: in.Doc.File, ParameterFile: in.Doc.ParameterFile, Kind: in.Doc.Kind, Error: err.Error()}
	}
	return s
}
