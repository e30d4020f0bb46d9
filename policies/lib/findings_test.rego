# Helpers for the rule tests (a _test file: never part of the compiled policies).
package aksnet.test.findings

# exact holds when the findings fs are exactly those that want describes: as many, and
# each entry of want matches a finding and each finding an entry. An entry matches a
# finding when the pointers are equal, the levels are equal (a finding without a
# level matches only an entry without one: the rule's default level), the message
# contains every fragment of "msg" (a string or a list of strings) and, when the entry
# has "related", the related pointers are those, in order.
exact(fs, want) if {
	count(fs) == count(want)
	every f in fs {
		some w in want
		matches(f, w)
	}
	every w in want {
		some f in fs
		matches(f, w)
	}
}

matches(f, w) if {
	f.pointer == w.pointer
	object.get(f, "level", "") == object.get(w, "level", "")
	every frag in fragments(w) {
		contains(f.msg, frag)
	}
	related_match(f, w)
}

fragments(w) := [w.msg] if is_string(w.msg)

fragments(w) := w.msg if is_array(w.msg)

related_match(_, w) if not "related" in object.keys(w)

related_match(f, w) if {
	"related" in object.keys(w)
	[r.pointer | some r in object.get(f, "related", [])] == w.related
}

# unresolve returns the document d with the value at pointer (a JSON pointer such as
# "/clusters/0/networkProfile/podCidrs") left out and listed in d.unresolved, as the
# extractors write a value they cannot know statically.
unresolve(d, pointer) := object.union(
	json.remove(d, [trim_prefix(pointer, "/")]),
	{"unresolved": array.concat(object.get(d, "unresolved", []), [{"pointer": pointer, "expression": "[parameters('x')]", "reason": "not known statically"}])},
)
