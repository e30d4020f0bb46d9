package engine

import (
	"context"
	"time"
)

// Loading is an engine being loaded in the background, so that a run reads its first
// inputs meanwhile.
type Loading struct {
	done chan struct{}
	eng  *Engine
	err  error
	took time.Duration
}

// Load starts loading an engine with opts on its own goroutine.
func Load(ctx context.Context, opts Options) *Loading {
	return Start(func() (*Engine, error) { return New(ctx, opts) })
}

// Start runs load on its own goroutine.
func Start(load func() (*Engine, error)) *Loading {
	l := &Loading{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		start := time.Now()
		l.eng, l.err = load()
		l.took = time.Since(start)
	}()
	return l
}

// Loaded is an engine loaded already.
func Loaded(eng *Engine) *Loading {
	l := &Loading{done: make(chan struct{}), eng: eng}
	close(l.done)
	return l
}

// Ready reports, without waiting, whether the loading has ended.
func (l *Loading) Ready() bool {
	select {
	case <-l.done:
		return true
	default:
		return false
	}
}

// Wait waits for the loading to end and returns its engine, or why it failed.
func (l *Loading) Wait() (*Engine, error) {
	<-l.done
	return l.eng, l.err
}

// Took is how long the loading took, once it has ended.
func (l *Loading) Took() time.Duration {
	<-l.done
	return l.took
}
