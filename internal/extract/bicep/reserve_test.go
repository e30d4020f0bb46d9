package bicep

import (
	"slices"
	"testing"
)

// TestReserve: reserve keeps the elements, moves only when there is not room for n
// more, and then doubles the capacity (or makes room for n, when more), no more.
func TestReserve(t *testing.T) {
	for _, tc := range []struct {
		len, cap, n int
		want        int // capacity after; 0: not moved
	}{
		{0, 0, 0, 0},
		{0, 0, 10, 10},
		{5, 10, 5, 0},
		{5, 10, 6, 15},
		{10, 10, 1, 20},
		{10, 10, 25, 35},
		{345772, 360448, 18507, 706220}, // where slices.Grow gave 884736
	} {
		s := make([]byte, tc.len, tc.cap)
		for i := range s {
			s[i] = byte(i)
		}
		before := slices.Clone(s)
		got := reserve(s, tc.n)
		if !slices.Equal(got, before) {
			t.Errorf("%+v: the elements changed", tc)
		}
		moved := cap(s) > 0 && cap(got) > 0 && &got[:cap(got)][0] != &s[:cap(s)][0] || cap(s) == 0 && cap(got) > 0
		switch {
		case tc.want == 0 && (moved || cap(got) != tc.cap):
			t.Errorf("%+v: moved to capacity %d; there was room", tc, cap(got))
		case tc.want != 0 && cap(got) != tc.want:
			t.Errorf("%+v: capacity %d, want %d", tc, cap(got), tc.want)
		}
	}
}
