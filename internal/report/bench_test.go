package report

import (
	"io"
	"testing"
)

// BenchmarkWrite is each format over the fixture's findings (bench/startup.sh).
func BenchmarkWrite(b *testing.B) {
	rep := fixture()
	opt := Options{ToolVersion: "bench", ReadFile: readSource}
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, format, rep, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
