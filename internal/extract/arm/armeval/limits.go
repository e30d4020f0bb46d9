package armeval

// Limits on the work one template may cause. Past each, the value or resource
// is reported as not known (AKSNET901, located where it is written) and the rest
// of the template is still read; none fails the file. Together with the file
// size, jsonsrc.MaxDepth and the armexpr limits they bound the work of any
// template (internal/lint's hostile-input suite measures it).
const (
	// MaxCopyCount is ARM's own limit on a copy loop's count; a larger count is
	// not known (and ARM would reject it).
	MaxCopyCount = 800
	// MaxDeploymentDepth bounds the nesting of deployments with their own scope
	// (inner expression scope or linked templates) that are followed.
	MaxDeploymentDepth = 10
	// MaxResourceInstances bounds the resource instances one document reads
	// (copy loops in nested deployments multiply); beyond it the rest is
	// reported, not read.
	MaxResourceInstances = 20_000
	// EvalBudget is the evaluation work one document may take: armexpr steps
	// plus JSON values visited. The corpus needs at most 1,315 and 20,000
	// declared VNets 100,000; spending it all takes about 0.5 s (20,000,000 took
	// 3 s).
	EvalBudget = 5_000_000
)

// The names the evaluator uses.
const (
	maxCopy            = MaxCopyCount
	maxDeploymentDepth = MaxDeploymentDepth
	maxInstances       = MaxResourceInstances
	budget             = EvalBudget
)

// maxSizeHint caps the entries reserved up front for a file's locations and object
// indexes; past it they grow as they fill.
const maxSizeHint = 1 << 16
