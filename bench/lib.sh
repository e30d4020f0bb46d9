# Shared by the bench scripts (sourced, not run).

# field NAME reads the value of NAME=... from a bench/timeit line on standard input.
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# median prints the median of the numbers on standard input, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# alternate DIR ROUNDS FLOOR LINT times two commands, the names of two arrays, with
# DIR/timeit in ROUNDS alternating rounds of five runs each, appending the floor's lines
# to DIR/floor.times and the linter's to DIR/lint.times (exit 0, 1 or 2 is the
# linter's success). The machine's speed drifts within minutes: alternating rounds slow
# both alike in a slow spell, instead of the one being timed.
alternate() {
	local dir="$1" rounds="$2"
	local -n floor_cmd="$3" lint_cmd="$4"
	: >"$dir/floor.times"
	: >"$dir/lint.times"
	for _ in $(seq "$rounds"); do
		"$dir/timeit" -n 5 -warmup 1 "${floor_cmd[@]}" >>"$dir/floor.times"
		"$dir/timeit" -n 5 -warmup 1 -ok 0,1,2 "${lint_cmd[@]}" >>"$dir/lint.times"
	done
}
