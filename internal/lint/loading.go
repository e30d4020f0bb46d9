package lint

import "github.com/aksnet-lint/aksnet-lint/internal/engine"

// Loading is an engine that loads on its own goroutine while a run walks, plans, reads
// and extracts its first files: loading the precompiled policies takes about as long
// as a small run's other work, and on two cores the two overlap (docs/performance.md,
// "Restored, simpler", measured with bench/timeit and bench/compare.sh). A worker waits for it only
// when it has a document to evaluate.
type Loading struct {
	done chan struct{}
	eng  *engine.Engine
	err  error
}

// Load starts load on its own goroutine and returns at once.
func Load(load func() (*engine.Engine, error)) *Loading {
	l := &Loading{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.eng, l.err = load()
	}()
	return l
}

// Loaded is an engine already loaded.
func Loaded(eng *engine.Engine) *Loading {
	l := &Loading{done: make(chan struct{}), eng: eng}
	close(l.done)
	return l
}

// Engine waits for the engine and returns it, or why it could not be loaded.
func (l *Loading) Engine() (*engine.Engine, error) {
	<-l.done
	return l.eng, l.err
}

// loaded reports, without waiting, whether loading has ended.
func (l *Loading) loaded() bool {
	select {
	case <-l.done:
		return true
	default:
		return false
	}
}
