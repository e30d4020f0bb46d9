package parallel

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// goroutineID reads the calling goroutine's number from its stack header
// ("goroutine 7 [running]:"), which only tests need.
func goroutineID() int {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.Atoi(string(buf[:bytes.IndexByte(buf, ' ')]))
	return id
}

func TestAsideKeepsAnIdleGoroutine(t *testing.T) {
	caller := goroutineID()
	var ids []int
	for range 5 {
		done := make(chan int)
		Aside(func() { done <- goroutineID() })
		ids = append(ids, <-done)
		// The goroutine offers itself as idle after its job returns; wait for it.
		waitIdle(t)
	}
	for i, id := range ids {
		if id == caller {
			t.Fatalf("job %d ran on the calling goroutine", i)
		}
		if id != ids[0] {
			t.Fatalf("jobs ran on goroutines %v; one after another, each should take the goroutine the one before left idle", ids)
		}
	}
}

// waitIdle waits until some goroutine is idle (a test's job has returned).
func waitIdle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(idle) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no goroutine became idle")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestAsideNeverWaitsForABusyGoroutine(t *testing.T) {
	// Every job blocks until all have started: jobs handed to a busy goroutine, or
	// waiting for one, would never all start.
	const n = maxIdle + 10
	var started, release sync.WaitGroup
	started.Add(n)
	release.Add(1)
	var finished sync.WaitGroup
	finished.Add(n)
	for range n {
		Aside(func() {
			defer finished.Done()
			started.Done()
			release.Wait()
		})
	}
	all := make(chan struct{})
	go func() { started.Wait(); close(all) }()
	select {
	case <-all:
	case <-time.After(10 * time.Second):
		t.Fatal("not every job started while the others ran")
	}
	release.Done()
	finished.Wait()
}
