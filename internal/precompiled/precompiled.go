// Package precompiled holds the built-in policies in compiled form, and the codec that
// writes and reads that form. Compiling the policies from source is most of a small
// run's time (bench/startup.sh prints both ways: "policies, precompiled" and "from
// source"), so they are compiled when the project is built: `go generate ./...` writes
// File, TestPrecompiledIsFresh (internal/engine) fails when it is stale, and the engine
// never uses a stale form: it compiles from source instead, with a warning on stderr.
package precompiled

import _ "embed"

// File is the compiled built-in policies, beside this source file. The engine writes
// it (engine.Precompile) and reads it; this package only holds it and its codec.
const File = "precompiled.bin"

// Data is File's content, embedded in the binary.
//
//go:embed precompiled.bin
var Data []byte
