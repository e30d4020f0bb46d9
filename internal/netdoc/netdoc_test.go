package netdoc

import (
	"slices"
	"testing"
)

func TestResolveNearestAncestor(t *testing.T) {
	ls := Locations{}
	ls.Set("/clusters/0", Location{File: "f", Line: 1, Column: 1})
	ls.Set("/clusters/0/networkProfile", Location{File: "f", Line: 5, Column: 3})
	tests := []struct {
		pointer  string
		wantLine int
		wantOK   bool
	}{
		{"/clusters/0/networkProfile", 5, true},
		{"/clusters/0/networkProfile/serviceCidrs/0", 5, true},
		{"/clusters/0/nodePools/1/maxPods", 1, true},
		{"/clusters/1/name", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := ls.Resolve(tt.pointer)
		if ok != tt.wantOK || got.Line != tt.wantLine {
			t.Errorf("Resolve(%q) = line %d, %v; want %d, %v", tt.pointer, got.Line, ok, tt.wantLine, tt.wantOK)
		}
	}
}

func TestPointerEscapes(t *testing.T) {
	if got := Pointer("clusters", 0, "a/b", "c~d"); got != "/clusters/0/a~1b/c~0d" {
		t.Errorf("Pointer = %q", got)
	}
}

// TestUnder: extending a pointer equals building it whole, escapes included.
func TestUnder(t *testing.T) {
	tests := []struct {
		base []any
		rest []any
	}{
		{[]any{"subnets", 3}, nil},
		{[]any{"subnets", 3}, []any{"addressPrefixes", 0}},
		{[]any{"networkSecurityGroups", 0, "rules", 12}, []any{"a/b~c"}},
		{nil, []any{"clusters"}},
	}
	for _, tt := range tests {
		if got, want := Under(Pointer(tt.base...), tt.rest...), Pointer(append(append([]any{}, tt.base...), tt.rest...)...); got != want {
			t.Errorf("Under(%v, %v) = %q, want %q", tt.base, tt.rest, got, want)
		}
	}
}

func TestSubnetKeyFromID(t *testing.T) {
	tests := []struct {
		id, want string
		ok       bool
	}{
		{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/VNet-A/subnets/Nodes", "vnet-a/nodes", true},
		{"/subscriptions/s/resourceGroups/rg/providers/microsoft.network/VIRTUALNETWORKS/v/SUBNETS/s/", "v/s", true},
		{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "", false},
		{"nodes", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := SubnetKeyFromID(tt.id)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SubnetKeyFromID(%q) = %q, %v; want %q, %v", tt.id, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLineStarts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"", []int{0}},
		{"a", []int{0}},
		{"a\n", []int{0, 2}},
		{"a\nbc\n\nd", []int{0, 2, 5, 6}},
		{"\r\n\r\n", []int{0, 2, 4}},
	} {
		if got := LineStarts([]byte(tc.in)); !slices.Equal(got, tc.want) {
			t.Errorf("LineStarts(%q) = %v, want %v", tc.in, got, tc.want)
		}
		var want32 []int32
		for _, s := range tc.want {
			want32 = append(want32, int32(s)) //nolint:gosec // G115: a test's short text
		}
		if got := LineStarts32([]byte(tc.in)); !slices.Equal(got, want32) {
			t.Errorf("LineStarts32(%q) = %v, want %v", tc.in, got, want32)
		}
	}
}

func TestLineSpan(t *testing.T) {
	data := []byte("one\r\ntwo\n\nfour\r")
	starts := LineStarts(data)
	for _, tc := range []struct {
		n    int
		want string
		ok   bool
	}{
		{0, "", false},
		{1, "one", true},
		{2, "two", true},
		{3, "", true},
		{4, "four", true},
		{5, "", false},
	} {
		start, end, ok := LineSpan(data, starts, tc.n)
		if ok != tc.ok || (ok && string(data[start:end]) != tc.want) {
			t.Errorf("line %d: %q, %v; want %q, %v", tc.n, data[start:end], ok, tc.want, tc.ok)
		}
	}
}

// TestPointerEscapesEachPlace: a segment is escaped wherever its '~' or '/' is, and a
// segment without either is written as it is.
func TestPointerEscapesEachPlace(t *testing.T) {
	for _, tt := range []struct{ seg, want string }{
		{"", "/"},
		{"subnets", "/subnets"},
		{"/", "/~1"},
		{"~", "/~0"},
		{"a/", "/a~1"},
		{"~a", "/~0a"},
		{"snet-01~x/y", "/snet-01~0x~1y"},
		{"ünïcode/é", "/ünïcode~1é"},
	} {
		if got := Pointer(tt.seg); got != tt.want {
			t.Errorf("Pointer(%q) = %q, want %q", tt.seg, got, tt.want)
		}
	}
}
