package precompiled

import (
	"reflect"

	"github.com/open-policy-agent/opa/v1/ast"
)

// written is used in fields for a field the codec writes and reads back.
const written = ""

// fields names every exported field of the OPA AST structs the codec handles: either
// written (and read back), or why it is not. A field that a later OPA adds is in none
// of these lists, and TestCodecCoversEveryField fails until it is written or its
// absence explained here: the codec never drops a field silently.
var fields = map[reflect.Type]map[string]string{
	reflect.TypeFor[ast.Module](): {
		"Package": written, "Rules": written,
		"Imports":     "compiled modules have none: Encode refuses a module with imports",
		"Annotations": "METADATA: read into the rule registry at build time, not by the evaluator",
		"Comments":    "not read by the evaluator",
	},
	reflect.TypeFor[ast.Package](): {"Path": written, "Location": written},
	reflect.TypeFor[ast.Rule](): {
		"Head": written, "Body": written, "Else": written, "Location": written, "Default": written,
		"Module":      "set on decoding to the module the rule is read into",
		"Annotations": "METADATA: read into the rule registry at build time, not by the evaluator",
	},
	reflect.TypeFor[ast.Head](): {
		"Name": written, "Reference": written, "Args": written, "Key": written, "Value": written,
		"Assign": written, "Location": written,
	},
	reflect.TypeFor[ast.Expr](): {
		"With": written, "Terms": written, "Index": written, "Generated": written, "Negated": written,
		"Location": written,
	},
	reflect.TypeFor[ast.With]():     {"Target": written, "Value": written, "Location": written},
	reflect.TypeFor[ast.SomeDecl](): {"Symbols": written, "Location": written},
	reflect.TypeFor[ast.Every](): {
		"Key": written, "Value": written, "Domain": written, "Body": written, "Location": written,
	},
	reflect.TypeFor[ast.Term]():                {"Value": written, "Location": written},
	reflect.TypeFor[ast.ArrayComprehension]():  {"Term": written, "Body": written},
	reflect.TypeFor[ast.SetComprehension]():    {"Term": written, "Body": written},
	reflect.TypeFor[ast.ObjectComprehension](): {"Key": written, "Value": written, "Body": written},
	reflect.TypeFor[ast.Location](): {
		"File": written, "Row": written, "Col": written,
		"Text":   "source text: evaluation errors name the file and line only",
		"Offset": "byte offset in the source: not read by the evaluator",
		"Tabs":   "tab positions in the source line: not read by the evaluator",
	},
}
