//go:build race

package lint

// The race detector slows instrumented code 2 to 20 times (Go's documentation) and
// multiplies its memory use: time bounds are scaled by raceSlowdown and the resident
// memory check is skipped.
const (
	raceEnabled  = true
	raceSlowdown = 10
)
