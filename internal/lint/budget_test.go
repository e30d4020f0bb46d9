package lint

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// runWithBudget lints paths with *budget (extractBudget or evalBudget) set to limit.
func runWithBudget(t *testing.T, budget *time.Duration, limit time.Duration, opt Options) (Outcome, time.Duration) {
	t.Helper()
	saved := *budget
	*budget = limit
	t.Cleanup(func() { *budget = saved })
	start := time.Now()
	out, err := Run(context.Background(), testEngine(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return out, time.Since(start)
}

// wantOnly checks that the run failed exactly file, with a located AKSNET902
// containing msg, and still linted good.json.
func wantOnly(t *testing.T, out Outcome, file, msg string) {
	t.Helper()
	if !hasFinding(out.Findings, file, ParseErrorID, 1, 1, msg) || out.Failed != 1 {
		t.Errorf("want one AKSNET902 at %s:1:1 containing %q, Failed 1; got Failed %d:\n%s", file, msg, out.Failed, listFindings(out.Findings))
	}
	good := false
	for _, f := range out.Findings {
		good = good || filepath.Base(f.Location.File) == "good.json" && f.RuleID == "AKSNET301"
	}
	if !good {
		t.Errorf("good.json was not linted:\n%s", listFindings(out.Findings))
	}
}

func setHook(t *testing.T, hook func(string)) {
	testHookExtract = hook
	t.Cleanup(func() { testHookExtract = nil })
}

// TestPanicInExtraction: a panic while extracting one file is that file's internal
// error, named and located; the other files are linted.
func TestPanicInExtraction(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "boom.json"), goodTemplate)
	write(t, filepath.Join(dir, "good.json"), goodTemplate)
	setHook(t, func(path string) {
		if filepath.Base(path) == "boom.json" {
			panic("injected failure")
		}
	})
	out, _ := runWithBudget(t, &extractBudget, FileTimeBudget, Options{Paths: []string{dir}})
	wantOnly(t, out, "boom.json", "internal error while extracting: injected failure")
}

// TestTimeBudgetOfExtraction: a file whose extraction stalls is reported when its
// budget runs out, and the run does not wait for it.
func TestTimeBudgetOfExtraction(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "slow.json"), goodTemplate)
	write(t, filepath.Join(dir, "good.json"), goodTemplate)
	entered, release := make(chan struct{}, 1), make(chan struct{})
	t.Cleanup(func() { close(release) })
	setHook(t, func(path string) {
		if filepath.Base(path) == "slow.json" {
			entered <- struct{}{}
			select { // bounded, so that a run without the budget fails instead of hanging
			case <-release:
			case <-time.After(30 * time.Second):
			}
		}
	})
	budget := 200 * time.Millisecond * raceSlowdown
	out, took := runWithBudget(t, &extractBudget, budget, Options{Paths: []string{dir}})
	<-entered // the stalled extraction has read the hook before the test resets it
	wantOnly(t, out, "slow.json", "time budget exceeded: reading and extracting the file took over "+budget.String())
	if took > budget+maxCaseTime {
		t.Errorf("the run took %v with a budget of %v", took, budget)
	}
}

// TestNamedPipeIsRefused: a named pipe passed as a file would block on open; it is
// refused before opening, at once, and the other file is still linted.
func TestNamedPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	good := filepath.Join(dir, "good.json")
	write(t, good, goodTemplate)
	t.Cleanup(func() {
		// Should the pipe ever be opened for reading, release it; never block here.
		if f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	budget := 10 * time.Second
	out, took := runWithBudget(t, &extractBudget, budget, Options{Paths: []string{pipe, good}})
	wantOnly(t, out, "pipe.json", "not a regular file")
	if took > maxCaseTime*raceSlowdown {
		t.Errorf("the run took %v: the pipe was waited on", took)
	}
}

// manySubnets is four VNets of 800 subnets each (property copy loops: ARM allows 800
// copies a loop) and a cluster on the first: far more than a millisecond of
// evaluation, with room to spare for a loaded machine, where the goroutine that
// cancels the evaluation at its deadline may run late.
var manySubnets = func() string {
	var vnets []string
	for v := range 4 {
		vnets = append(vnets, fmt.Sprintf(`{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "v%[1]d", "properties": {"addressSpace": {"addressPrefixes": ["10.%[2]d.0.0/10"]},
  "copy": [{"name": "subnets", "count": 800, "input": {"name": "[format('s{0}', copyIndex('subnets'))]", "properties": {"addressPrefix": "[cidrSubnet('10.%[2]d.0.0/10', 26, copyIndex('subnets'))]"}}}]}}`, v, v*64))
	}
	return `{"resources": [` + strings.Join(vnets, ",\n") + `,
 {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks", "properties": {
  "networkProfile": {"networkPlugin": "azure", "serviceCidr": "172.16.0.0/16", "dnsServiceIP": "172.16.0.10"},
  "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 1, "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v0', 's0')]"}]}}]}`
}()

// TestTimeBudgetOfEvaluation: a document whose evaluation outlasts the budget is
// stopped (OPA honours the deadline) and reported with its file's name. The budget is
// a millisecond: 3,200 subnets take the policies far longer.
func TestTimeBudgetOfEvaluation(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "subnets.json"), manySubnets)
	budget := time.Millisecond
	out, took := runWithBudget(t, &evalBudget, FileTimeBudget, Options{Paths: []string{filepath.Join(dir, "subnets.json")}, Timeout: budget})
	want := "time budget exceeded: evaluating the policies of 3200 subnets, 4 VNets, 1 cluster took over 1ms; raise it with --timeout or timeout: in the configuration"
	if !hasFinding(out.Findings, "subnets.json", ParseErrorID, 1, 1, want) || out.Failed != 1 {
		t.Errorf("want one AKSNET902 at subnets.json:1:1 for the time budget; got Failed %d:\n%s", out.Failed, listFindings(out.Findings))
	}
	if took > maxCaseTime*raceSlowdown {
		t.Errorf("the run took %v with an evaluation budget of %v", took, budget)
	}
}

// TestTimeBudgetOfSummaries: the review summaries (Markdown report) keep the budget
// too.
func TestTimeBudgetOfSummaries(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "subnets.json"), manySubnets)
	out, took := runWithBudget(t, &evalBudget, FileTimeBudget, Options{Paths: []string{dir}, Summaries: true, Timeout: time.Millisecond})
	if len(out.Summaries) != 1 || out.Summaries[0].Error != "time budget exceeded: computing the summary of 3200 subnets, 4 VNets, 1 cluster took over 1ms; raise it with --timeout or timeout: in the configuration" {
		t.Errorf("summaries %+v, want one that exceeded the time budget", out.Summaries)
	}
	if took > maxCaseTime*raceSlowdown {
		t.Errorf("the run took %v with an evaluation budget of 1ms", took)
	}
}

// TestHostilePeakRSS runs the hostile suite in a child process and checks its peak
// resident memory (getrusage's ru_maxrss). The child holds the compiled policies and
// runs every case in turn, so its peak bounds the peak of any single case, from
// above, including what TotalAlloc does not count (goroutine stacks, the runtime).
func TestHostilePeakRSS(t *testing.T) {
	if os.Getenv("AKSNET_HOSTILE_CHILD") != "" {
		t.Skip("in the child")
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory would be measured too")
	}
	if testing.Short() {
		t.Skip("runs the hostile suite again")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHostileInputs$", "-test.count=1")
	cmd.Env = append(os.Environ(), "AKSNET_HOSTILE_CHILD=1")
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the hostile suite failed in the child: %v\n%s", err, output)
	}
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this platform")
	}
	peak := usage.Maxrss << 10 // kilobytes on Linux
	t.Logf("peak RSS of the hostile suite: %d MB", peak>>20)
	if peak > maxCaseAlloc {
		t.Errorf("peak RSS %d MB, over %d MB", peak>>20, maxCaseAlloc>>20)
	}
	if !strings.Contains(string(output), "PASS") {
		t.Errorf("the child did not run the suite:\n%s", output)
	}
}

// TestRunReleasesDocuments: without KeepDocuments, a run finds the same as with it
// and keeps no documents in the outcome.
func TestRunReleasesDocuments(t *testing.T) {
	ctx := context.Background()
	eng := testEngine(t)
	paths := []string{"../../examples"}
	kept, err := Run(ctx, eng, Options{Paths: paths, KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(ctx, eng, Options{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Documents) == 0 || len(got.Documents) != 0 {
		t.Errorf("documents: %d kept, %d without KeepDocuments", len(kept.Documents), len(got.Documents))
	}
	if len(got.Findings) == 0 || !reflect.DeepEqual(got.Findings, kept.Findings) || got.Files != kept.Files {
		t.Errorf("without KeepDocuments: %d findings in %d files; with it: %d in %d", len(got.Findings), got.Files, len(kept.Findings), kept.Files)
	}
}

// TestRunEvaluatesAsItExtracts: a worker evaluates each file's documents before it
// reads the next file, so a run never holds more extracted documents than it has
// workers, whatever its number of files.
func TestRunEvaluatesAsItExtracts(t *testing.T) {
	dir := t.TempDir()
	const files = 40
	for i := range files {
		write(t, filepath.Join(dir, fmt.Sprintf("t%02d.json", i)), goodTemplate)
	}
	var mu sync.Mutex
	pending, peak := 0, 0
	setHook(t, func(string) {
		mu.Lock()
		defer mu.Unlock()
		pending++
		peak = max(peak, pending)
	})
	testHookEvaluate = func(string) {
		mu.Lock()
		defer mu.Unlock()
		pending--
	}
	t.Cleanup(func() { testHookEvaluate = nil })
	out, err := Run(context.Background(), testEngine(t), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Files != files || pending != 0 {
		t.Fatalf("%d files linted, %d documents left unevaluated; want %d, 0", out.Files, pending, files)
	}
	if workers := runtime.GOMAXPROCS(0); peak > workers {
		t.Errorf("%d files extracted and not yet evaluated at once, want at most %d (GOMAXPROCS)", peak, workers)
	}
}

// TestEvalBudgetGrowsWithTheDocument: without a timeout the budget is the base and
// PerElementBudget for each subnet, VNet, cluster, pool, route table, route, security
// group, security rule and role assignment; a timeout replaces it.
func TestEvalBudgetGrowsWithTheDocument(t *testing.T) {
	doc := &netdoc.Document{
		Subnets:               make([]netdoc.Subnet, 100),
		VirtualNetworks:       make([]netdoc.VirtualNetwork, 10),
		Clusters:              []netdoc.Cluster{{NodePools: make([]netdoc.NodePool, 3)}},
		RouteTables:           []netdoc.RouteTable{{Routes: make([]netdoc.Route, 2)}},
		NetworkSecurityGroups: []netdoc.SecurityGroup{{Rules: make([]netdoc.SecurityRule, 4)}},
	}
	elements := 100 + 10 + (1 + 3) + (1 + 2) + (1 + 4)
	for _, tc := range []struct {
		timeout, want time.Duration
	}{
		{0, FileTimeBudget + time.Duration(elements)*PerElementBudget},
		{30 * time.Second, 30 * time.Second},
	} {
		if got := EvalBudget(doc, tc.timeout, FileTimeBudget); got != tc.want {
			t.Errorf("timeout %v: budget %v, want %v", tc.timeout, got, tc.want)
		}
	}
	if got := EvalBudget(&netdoc.Document{}, 0, FileTimeBudget); got != FileTimeBudget {
		t.Errorf("empty document: budget %v, want %v", got, FileTimeBudget)
	}
}

// TestEvalBudgetCeiling: the budget that grows with a document stops at the ceiling a
// configuration may set.
func TestEvalBudgetCeiling(t *testing.T) {
	doc := &netdoc.Document{Subnets: make([]netdoc.Subnet, 1_000_000)}
	if got := EvalBudget(doc, 0, FileTimeBudget); got != config.TimeoutCeiling {
		t.Errorf("budget %v, want the ceiling %v", got, config.TimeoutCeiling)
	}
}

// TestDocumentsOnly: the documents of a run that only reads them are those of a run
// that evaluates them, and no policy is evaluated (no finding but AKSNET902).
func TestDocumentsOnly(t *testing.T) {
	ctx := context.Background()
	eng := testEngine(t)
	paths := []string{"../../examples"}
	full, err := Run(ctx, eng, Options{Paths: paths, KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	only, err := Run(ctx, eng, Options{Paths: paths, DocumentsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Findings) == 0 || len(only.Documents) == 0 {
		t.Fatalf("the examples give %d findings and %d documents; want some of each", len(full.Findings), len(only.Documents))
	}
	for _, f := range only.Findings {
		if f.RuleID != ParseErrorID {
			t.Errorf("a policy was evaluated: %s", describe(f))
		}
	}
	if len(only.Documents) != len(full.Documents) {
		t.Fatalf("%d documents, want %d", len(only.Documents), len(full.Documents))
	}
	for i := range only.Documents {
		if !reflect.DeepEqual(only.Documents[i].Doc, full.Documents[i].Doc) {
			t.Errorf("document %d (%s) differs from the evaluated run's", i, only.Documents[i].Doc.File)
		}
	}
}

// TestExtractBudgetGrowsWithTheFile: reading a file may take the base budget and
// PerMegabyteBudget for each whole megabyte, up to the ceiling, or the timeout
// (--timeout, timeout:) when that is longer.
func TestExtractBudgetGrowsWithTheFile(t *testing.T) {
	for _, tc := range []struct {
		size          int64
		timeout, want time.Duration
	}{
		{0, 0, FileTimeBudget},
		{1<<20 - 1, 0, FileTimeBudget},
		{1 << 20, 0, FileTimeBudget + PerMegabyteBudget},
		{23 << 19, 0, FileTimeBudget + 11*PerMegabyteBudget}, // 11.5 MB: 11 whole megabytes
		{1 << 40, 0, config.TimeoutCeiling},
		{10 << 20, 30 * time.Second, 30 * time.Second},
		{10 << 20, time.Millisecond, FileTimeBudget + 10*PerMegabyteBudget},
		{0, 2 * time.Minute, 2 * time.Minute},
	} {
		if got := ExtractBudget(tc.size, tc.timeout, FileTimeBudget); got != tc.want {
			t.Errorf("size %d, timeout %v: budget %v, want %v", tc.size, tc.timeout, got, tc.want)
		}
	}
}
