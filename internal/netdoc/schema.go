package netdoc

import _ "embed"

// Schema is the JSON Schema (draft-07) of the network document. The policies are
// type-checked against it, and extractor output is validated against it in tests.
//
//go:embed schema.json
var Schema []byte
