package bicep

import "unsafe"

// newProp is a member key: value whose key is the string k, not read from a
// source (as if written as an identifier at offset 0).
func newProp(k string, v Expr) Prop {
	return Prop{Value: v, key: unsafe.StringData(k), keyEnd: u32(len32(k)) | propKeyIdent}
}
