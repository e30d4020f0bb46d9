//go:build bench

// Command timeit runs a command several times and prints the median and minimum wall
// time, the CPU time per wall second (how many cores it kept busy), the peak
// resident memory, and the median CPU time and minor page faults of a run, on one
// line the bench scripts parse:
//
//	timeit [-n runs] [-warmup runs] command [args...]
//
// The command's output is discarded; a run that fails stops timeit with its status.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("n", 20, "timed runs")
	warmup := flag.Int("warmup", 2, "untimed runs first (page cache, binary load)")
	okCodes := flag.String("ok", "0,1", "exit codes that count as success")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: timeit [-n runs] [-warmup runs] [-ok 0,1] command [args...]")
		os.Exit(2)
	}
	var walls, cpus []time.Duration
	var faults []int64
	var cpu, wall time.Duration
	var maxRSS int64
	for i := range *warmup + *runs {
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...) //nolint:gosec // running the given command is its job
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		if err != nil && !acceptable(cmd, *okCodes) {
			fmt.Fprintf(os.Stderr, "timeit: %s: %v\n", flag.Arg(0), err)
			os.Exit(1)
		}
		if i < *warmup {
			continue
		}
		walls = append(walls, elapsed)
		wall += elapsed
		used := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		cpu += used
		cpus = append(cpus, used)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			maxRSS = max(maxRSS, ru.Maxrss) // KiB on Linux
			faults = append(faults, ru.Minflt)
		}
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(faults)
	// A fault maps fresh memory, and where faults are slow (a virtual machine's
	// nested paging) they are much of a short run: bench/bicep.sh prints them.
	minflt := int64(-1)
	if len(faults) > 0 {
		minflt = faults[len(faults)/2]
	}
	fmt.Printf("median_ms=%.1f min_ms=%.1f cores=%.2f maxrss_mb=%.1f runs=%d cpu_ms=%.1f minflt=%d\n",
		ms(walls[len(walls)/2]), ms(walls[0]), cpu.Seconds()/wall.Seconds(), float64(maxRSS)/1024, len(walls),
		ms(cpus[len(cpus)/2]), minflt)
}

func acceptable(cmd *exec.Cmd, codes string) bool {
	if cmd.ProcessState == nil {
		return false
	}
	var c int
	for i := 0; i < len(codes); {
		n, _ := fmt.Sscanf(codes[i:], "%d", &c)
		if n == 1 && c == cmd.ProcessState.ExitCode() {
			return true
		}
		for i < len(codes) && codes[i] != ',' {
			i++
		}
		i++
	}
	return false
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
