package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]int32, n)
		Each(n, func(i int) { atomic.AddInt32(&calls[i], 1) })
		for i, c := range calls {
			if c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestEachBoundsConcurrency(t *testing.T) {
	var running, peak int32
	Each(200, func(int) {
		r := atomic.AddInt32(&running, 1)
		for {
			p := atomic.LoadInt32(&peak)
			if r <= p || atomic.CompareAndSwapInt32(&peak, p, r) {
				break
			}
		}
		runtime.Gosched()
		atomic.AddInt32(&running, -1)
	})
	if max := int32(runtime.GOMAXPROCS(0)); peak > max {
		t.Fatalf("%d calls at once, want at most GOMAXPROCS = %d", peak, max)
	}
}
