package azcli

import (
	"bytes"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// run analyses a script and returns the interpreter's final state.
func run(t testing.TB, script string) *interp {
	t.Helper()
	s := newSource("t.sh", []byte(script))
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(bytes.NewReader(s.masked), "t.sh")
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	in := newInterp(s)
	in.stmts(f.Stmts)
	return in
}

func TestVariables(t *testing.T) {
	const unknown = "\x00unknown"
	const unset = "\x00unset"
	tests := []struct {
		name, script, v, want string
	}{
		{"plain", "X=10.0.0.0/16", "X", "10.0.0.0/16"},
		{"export", "export X=a Y", "X", "a"},
		{"readonly", "readonly X=a", "X", "a"},
		{"declare", "declare -x X=a", "X", "a"},
		{"declare lower", "declare -l X=AbC", "X", "abc"},
		{"declare array", "declare -a A=(a b); X=${A[1]}", "X", "b"},
		{"declare assoc", "declare -A A=([k]=a); X=${A[k]}", "X", unknown},
		{"array first", "A=(a b); X=$A", "X", "a"},
		{"array index", "A=(a b c); i=1; X=${A[i+1]}", "X", "c"},
		{"array negative index", "A=(a b c); X=${A[-1]}", "X", "c"},
		{"array past the end", "A=(a); X=${A[3]}", "X", ""},
		{"array star", `A=(a "b c"); X="${A[*]}"`, "X", "a b c"},
		{"array count", `A=(a "b c"); A+=(d); X=${#A[@]}`, "X", "3"},
		{"array split", `V="x y"; A=($V z); X=${#A[@]}`, "X", "3"},
		{"array element set", `A=(a b); A[1]=c; A[2]=d; X="${A[*]}"`, "X", "a c d"},
		{"array of unknown words", `A=($EXTRA); X=${A[0]}`, "X", unknown},
		{"array quoted unknown", `A=("$EXTRA" b); X=${A[1]}`, "X", "b"},
		{"array append to unset", `A+=(b); X=${A[0]}`, "X", unknown},
		{"array keyed element", `A=([3]=b); X=${A[0]}`, "X", unknown},
		{"array unknown index", `A=(a b); X=${A[$I]}`, "X", unknown},
		{"declared empty array", `declare -a A; A+=(a b); X="${A[*]}"`, "X", "a b"},
		{"local empty array", `f() { local -a A; A+=(b); X="${A[*]}"; }; f`, "X", "b"},
		{"declare -a keeps an array", `A=(a); declare -a A; X="${A[*]}"`, "X", "a"},
		{"element 0 of a never-set array", `A[0]=a; A[1]=b; X="${A[*]}"`, "X", "a b"},
		{"element 1 of a never-set array", `A[1]=b; X="${A[*]}"`, "X", unknown},
		{"append", "X=a; X+=b", "X", "ab"},
		{"brace", "A=x; X=${A}", "X", "x"},
		{"concat", "A=10.0; X=\"$A.0.0/16\"", "X", "10.0.0.0/16"},
		{"single quotes", "X='$A b'", "X", "$A b"},
		{"escapes", `X=a\ b"\$c"`, "X", "a b$c"},
		{"default never set", "X=${A:-d}", "X", unknown},
		{"default no colon never set", "X=${A-d}", "X", unknown},
		{"default unset in function", "f() { X=${1:-d}; }; f", "X", "d"},
		{"error form never set", "X=${A:?set A}", "X", unknown},
		{"default set", "A=a; X=${A:-d}", "X", "a"},
		{"default empty colon", "A=; X=${A:-d}", "X", "d"},
		{"default empty no colon", "A=; X=${A-d}", "X", ""},
		{"default unknown", "A=$(date); X=${A:-d}", "X", unknown},
		{"default partly known", "A=x$(date); X=${A:-d}", "X", unknown},
		{"assign default", "X=${A:=d}; Y=$A", "Y", unknown},
		{"assign default same value", "X=${A:=d}; Y=$A; Z=$X", "Z", unknown},
		{"colon assign", `: "${A:=d}"; X=$A`, "X", unknown},
		{"colon assign set", `A=a; : "${A:=d}"; X=$A`, "X", "a"},
		{"alternate", "A=a; X=${A:+alt}", "X", "alt"},
		{"alternate never set", "X=${A:+alt}", "X", unknown},
		{"alternate set", "A=; X=${A+x}", "X", "x"},
		{"lower", "A=AbC; X=${A,,}", "X", "abc"},
		{"upper", "A=abc; X=${A^^}", "X", "ABC"},
		{"basename", "A=/x/y/z; X=${A##*/}", "X", "z"},
		{"dirname", "A=/x/y/z; X=${A%/*}", "X", "/x/y"},
		{"length", "A=abc; X=${#A}", "X", "3"},
		{"env", "X=$HOME", "X", unknown},
		{"never set", "", "X", unset},
		{"unset", "X=a; unset X", "X", unset},
		{"special", "X=$$", "X", unknown},
		{"script arg", "X=$1", "X", unknown},
		{"cmd subst", "X=$(echo hi)", "X", unknown},
		{"backticks", "X=`echo hi`", "X", unknown},
		{"arith", "A=3; X=$((A * 2 + 1))", "X", "7"},
		{"arith var", "A=3; X=$(( $A ** 2 ))", "X", "9"},
		{"arith unknown", "X=$((A / 0))", "X", unknown},
		{"arith assign", "A=1; (( A += 4 ))", "A", "5"},
		{"let", "let A=2*3", "A", "6"},
		{"increment", "A=1; ((A++))", "A", "2"},
		{"placeholder", "X=<resource-group>", "X", unknown},
		{"placeholder in word", "X=rg-<suffix>-1", "X", unknown},
		{"glob", "X=*.sh", "X", unknown},
		{"quoted glob", "X='*'", "X", "*"},
		{"if agree", "if [ -n \"$A\" ]; then X=a; else X=a; fi", "X", "a"},
		{"if differ", "if [ -n \"$A\" ]; then X=a; else X=b; fi", "X", unknown},
		{"if one branch", "if [ -n \"$A\" ]; then X=a; fi", "X", unknown},
		{"if known true", "A=y; if [ \"$A\" = y ]; then X=a; else X=b; fi", "X", "a"},
		{"if known false", "A=n; if [[ $A == y ]]; then X=a; else X=b; fi", "X", "b"},
		{"elif", "A=2; if [ $A = 1 ]; then X=a; elif [ $A = 2 ]; then X=b; else X=c; fi", "X", "b"},
		{"exit path ignored", "X=a; if [ -z \"$A\" ]; then X=b; exit 1; fi", "X", "a"},
		{"and", "X=a; [ -n \"$A\" ] && X=b", "X", unknown},
		{"or exit", "X=a; [ -n \"$A\" ] || exit 1", "X", "a"},
		{"and known", "A=1; [ -n \"$A\" ] && X=b", "X", "b"},
		{"case known", "A=prod; case $A in dev) X=1;; prod) X=2;; esac", "X", "2"},
		{"case unknown", "case $A in dev) X=1;; prod) X=1;; *) X=1;; esac", "X", "1"},
		{"case no default", "case $A in dev) X=1;; esac", "X", unknown},
		{"for", "for i in a b; do X=$i; done", "X", unknown},
		{"for var", "for i in a b; do :; done", "i", unknown},
		{"for unchanged", "X=a; for i in a b; do Y=$i; done", "X", "a"},
		{"while", "X=0; while true; do X=1; done", "X", unknown},
		{"break", "X=a; for i in 1; do X=b; break; X=c; done", "X", unknown},
		{"while widening", "C=1; while true; do X=$C; C=2; done", "X", unknown},
		{"c-style loop", "for ((i=0; i<3; i++)); do X=$i; done", "X", unknown},
		{"loop constant", "C=1; for i in a b; do X=$C; done; Y=$X", "Y", unknown},
		{"loop keeps outer", "C=1; for i in a b; do X=$C; done; Y=$C", "Y", "1"},
		{"return outside function", "X=a; return; X=b", "X", "b"},
		{"unset function", "f() { X=1; }; unset -f f; f", "X", unset},
		{"subshell", "X=a; (X=b)", "X", "a"},
		{"pipe", "X=a; echo | X=b", "X", "a"},
		{"cmd subst scope", "X=a; Y=$(X=b; echo)", "X", "a"},
		{"function", "f() { X=$1-$2; }; f a b", "X", "a-b"},
		{"function missing arg", "f() { X=${2:-d}; }; f a", "X", "d"},
		{"function local", "X=a; f() { local X=b; Y=$X; }; f", "X", "a"},
		{"function local seen", "X=a; f() { local X=b; Y=$X; }; f", "Y", "b"},
		{"function not called", "f() { X=b; }", "X", unset},
		{"function called later", "f() { X=$Y; }; Y=1; f", "X", "1"},
		{"recursion", "f() { X=1; f; }; f", "X", "1"},
		{"function return", "f() { X=a; return; X=b; }; f", "X", "a"},
		{"function shift", "f() { shift; X=$1; }; f a b", "X", "b"},
		{"read", "read -r X", "X", unknown},
		{"eval not run", "X=a; eval 'X=b'", "X", "a"},
		{"prefix assign", "X=a; X=b true", "X", "a"},
		{"subnet ref", "ID=$(az network vnet subnet show -g rg --vnet-name V -n S --query id -o tsv)", "ID", unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := run(t, tt.script)
			v, ok := in.env.vars[tt.v]
			switch {
			case tt.want == unset:
				if ok {
					t.Errorf("$%s = %+v, want unset", tt.v, v)
				}
			case !ok:
				t.Errorf("$%s unset, want %q", tt.v, tt.want)
			case tt.want == unknown:
				if s, known := v.known(); known {
					t.Errorf("$%s = %q, want unknown", tt.v, s)
				}
			default:
				if s, known := v.known(); !known || s != tt.want {
					t.Errorf("$%s = %q (known %v), want %q", tt.v, s, known, tt.want)
				}
			}
		})
	}
}

func TestSubnetRefs(t *testing.T) {
	tests := []struct{ name, script, want string }{
		{"show", "ID=$(az network vnet subnet show -g rg --vnet-name V -n S --query id -o tsv)", "v/s"},
		{"show quoted", `ID="$(az network vnet subnet show -g rg --vnet-name V --name S --query "id" --output tsv)"`, "v/s"},
		{"create", "ID=$(az network vnet subnet create -g rg --vnet-name V -n S --address-prefixes 10.0.0.0/24 --query id -o tsv)", "v/s"},
		{"no tsv", "ID=$(az network vnet subnet show -g rg --vnet-name V -n S --query id)", ""},
		{"other query", "ID=$(az network vnet subnet show -g rg --vnet-name V -n S --query name -o tsv)", ""},
		{"unknown vnet", "ID=$(az network vnet subnet show -g rg --vnet-name $V -n S --query id -o tsv)", ""},
		{"piped", "ID=$(az network vnet subnet show -g rg --vnet-name V -n S --query id -o tsv | tr -d '\\r')", ""},
		{"from variables", "V=vnet1; S=snet1; ID=/subscriptions/$SUB/resourceGroups/$RG/providers/Microsoft.Network/virtualNetworks/$V/subnets/$S", "vnet1/snet1"},
		{"unknown segment", "S=snet1; ID=/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/$V/subnets/$S", ""},
		{"partial segment", "ID=/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-$ENV/subnets/s", ""},
		{"copied", "A=$(az network vnet subnet show -g rg --vnet-name V -n S --query id -o tsv); ID=$A", "v/s"},
		{"concatenated", "A=$(az network vnet subnet show -g rg --vnet-name V -n S --query id -o tsv); ID=$A/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := run(t, tt.script)
			v := in.env.vars["ID"]
			vnet, subnet, ok := v.subnetRef(false)
			got := ""
			if ok {
				got = keyOf(arg{value: knownValue(vnet, -1)}) + "/" + keyOf(arg{value: knownValue(subnet, -1)})
			}
			if got != tt.want {
				t.Errorf("subnet key %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlaceholderMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"export RG=<resource-group-name>", "export RG=Presource-group-nameP"},
		{"--name <my cluster>", "--name Pmy_clusterP"},
		{"cat <<EOF\n<x>\nEOF", "cat <<EOF\nPxP\nEOF"},
		{"sort <in >out", "sort <in >out"},
		{"diff <(a) <(b)", "diff <(a) <(b)"},
		{"x=<é>", "x=P__P"},
		{"(( a<b ))", "(( a<b ))"},
		{"--address-prefixes <address prefix, example: 10.0.0.0/8> -o none", "--address-prefixes Paddress_prefix__example__10.0.0.0_8P -o none"},
		{"--location <location, e.g. eastus>\n", "--location Plocation__e.g._eastusP\n"},
		{"<a (b)=c>", "Pa__b__cP"},
		{"cat <$in >$out <<<x 2<&1 <'q'>", "cat <$in >$out <<<x 2<&1 <'q'>"},
		{"<a\nb>", "<a\nb>"},
	}
	for _, tt := range tests {
		got, _ := maskPlaceholders([]byte(tt.in))
		if string(got) != tt.want {
			t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("mask(%q) changed the length", tt.in)
		}
	}
}
