package aksnet.test.findings_test

import data.aksnet.test.findings

fs := {
	{"pointer": "/a", "msg": "subnet \"x\" is a /29"},
	{"pointer": "/b", "msg": "service CIDR 10.0.0.0/8", "level": "warning", "related": [{"pointer": "/c", "msg": "r"}]},
}

test_exact_matches_the_whole_set if {
	findings.exact(fs, [
		{"pointer": "/b", "level": "warning", "msg": ["10.0.0.0/8"], "related": ["/c"]},
		{"pointer": "/a", "msg": "/29"},
	])
}

test_exact_rejects_a_missing_or_extra_finding if {
	not findings.exact(fs, [{"pointer": "/a", "msg": "/29"}])
	not findings.exact(fs, [{"pointer": "/a", "msg": "/29"}, {"pointer": "/b", "level": "warning", "msg": ""}, {"pointer": "/d", "msg": ""}])
}

test_exact_pins_pointer_level_message_and_related if {
	not findings.exact(fs, [{"pointer": "/a", "msg": "/28"}, {"pointer": "/b", "level": "warning", "msg": ""}])
	not findings.exact(fs, [{"pointer": "/a", "msg": ""}, {"pointer": "/b", "msg": ""}])
	not findings.exact(fs, [{"pointer": "/a", "level": "error", "msg": ""}, {"pointer": "/b", "level": "warning", "msg": ""}])
	not findings.exact(fs, [{"pointer": "/a", "msg": ""}, {"pointer": "/b", "level": "warning", "msg": "", "related": ["/d"]}])
	not findings.exact(fs, [{"pointer": "/a", "msg": ""}, {"pointer": "/a", "msg": ""}])
}

test_exact_of_nothing_is_silence if {
	findings.exact(set(), [])
	not findings.exact(fs, [])
}

test_unresolve_removes_and_lists if {
	d := {"clusters": [{"networkProfile": {"podCidrs": ["10.244.0.0/16"], "serviceCidrs": ["10.0.0.0/16"]}}], "unresolved": []}
	u := findings.unresolve(d, "/clusters/0/networkProfile/podCidrs")
	u.clusters[0].networkProfile == {"serviceCidrs": ["10.0.0.0/16"]}
	u.unresolved[0].pointer == "/clusters/0/networkProfile/podCidrs"
}
