package parallel

// Aside runs fn on another goroutine and returns at once, as `go fn()` does, but on a
// goroutine that an earlier call left idle when there is one. A new goroutine's stack
// starts at a few kilobytes and grows by copying as fn recurses; for a job as short as
// extracting one small script that copying is a tenth of the job, and a kept
// goroutine keeps its grown stack (bench/scripts.sh). At most maxIdle goroutines wait
// idle; past them a goroutine ends when its job does.
func Aside(fn func()) {
	select {
	case h := <-idle:
		h <- fn
	default:
		go keep(make(chan func()), fn)
	}
}

// maxIdle bounds the goroutines kept waiting for a job, and so the stacks kept.
const maxIdle = 64

// idle holds the goroutines waiting for a job, each by the channel it takes jobs from.
var idle = make(chan chan func(), maxIdle)

// keep runs fn, then waits on h for the next job while there is room among the idle.
func keep(h chan func(), fn func()) {
	for {
		fn()
		select {
		case idle <- h:
		default:
			return
		}
		fn = <-h
	}
}
