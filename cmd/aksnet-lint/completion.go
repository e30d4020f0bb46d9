package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/template"

	"github.com/urfave/cli/v2"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/report"
)

// shells are those `aksnet-lint completion` writes a script for.
var shells = []string{"bash", "zsh", "fish", "pwsh"}

// completionModel is what the scripts are written from: the commands, the options of
// the linter and of each command, and the values of the options that take a word.
type completionModel struct {
	Commands []string
	Root     []string            // options of the lint itself
	ByCmd    map[string][]string // options of each command
	Values   map[string][]string // option -> its values (options naming files have none)
	Shells   []string
}

func newCompletionModel(app *cli.App) completionModel {
	m := completionModel{ByCmd: map[string][]string{}, Shells: shells, Values: map[string][]string{
		"--format":   report.Formats(),
		"-f":         report.Formats(),
		"--fail-on":  {"error", "warning", "note", "never"},
		"--color":    {"auto", "always", "never"},
		"--variants": config.VariantModes,
	}}
	m.Root = specOf(app.Flags).names
	for _, c := range app.Commands {
		if c.Hidden || c.Name == "help" {
			continue
		}
		m.Commands = append(m.Commands, c.Name)
		m.ByCmd[c.Name] = specOf(c.Flags).names
	}
	m.Commands = append(m.Commands, "help")
	m.ByCmd["help"] = nil
	return m
}

func writeCompletion(w io.Writer, app *cli.App, shell string) error {
	if !slices.Contains(shells, shell) {
		return usageHint("completion", "completion takes one shell: %s", strings.Join(shells, ", "))
	}
	t := template.Must(template.New(shell).Funcs(template.FuncMap{
		"join": strings.Join,
		"fishName": func(opt string) string {
			if strings.HasPrefix(opt, "--") {
				return "-l " + opt[2:]
			}
			return "-s " + opt[1:]
		},
	}).Parse(completionScripts[shell]))
	if err := t.Execute(w, newCompletionModel(app)); err != nil {
		return fmt.Errorf("completion: %w", err)
	}
	return nil
}

// The scripts complete commands, options and the values of --format, --fail-on and
// --color; paths are the shell's own file completion.
var completionScripts = map[string]string{ //nolint:gosec // G101: shell scripts, not credentials
	"bash": `# bash completion of aksnet-lint: source <(aksnet-lint completion bash)
_aksnet_lint() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" i opts words
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      {{join .Commands "|"}}) cmd="${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
{{- range $opt, $values := .Values}}
    {{$opt}}) COMPREPLY=($(compgen -W "{{join $values " "}}" -- "$cur")); return ;;
{{- end}}
  esac
  case "$cmd" in
    "") opts="{{join .Root " "}}"; words="{{join .Commands " "}}" ;;
{{- range $cmd, $opts := .ByCmd}}
    {{$cmd}}) opts="{{join $opts " "}}"; words="{{if eq $cmd "help"}}{{join $.Commands " "}}{{else if eq $cmd "completion"}}{{join $.Shells " "}}{{end}}" ;;
{{- end}}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -o default -o bashdefault -F _aksnet_lint aksnet-lint
`,
	"zsh": `#compdef aksnet-lint
# zsh completion of aksnet-lint: aksnet-lint completion zsh > "${fpath[1]}/_aksnet-lint"
_aksnet_lint() {
  local cmd="" w
  for w in "${words[@]:1:$((CURRENT-2))}"; do
    case "$w" in
      {{join .Commands "|"}}) cmd="$w"; break ;;
    esac
  done
  case "${words[CURRENT-1]}" in
{{- range $opt, $values := .Values}}
    {{$opt}}) compadd -- {{join $values " "}}; return ;;
{{- end}}
  esac
  local -a opts names
  case "$cmd" in
    "") opts=({{join .Root " "}}); names=({{join .Commands " "}}) ;;
{{- range $cmd, $opts := .ByCmd}}
    {{$cmd}}) opts=({{join $opts " "}}); names=({{if eq $cmd "help"}}{{join $.Commands " "}}{{else if eq $cmd "completion"}}{{join $.Shells " "}}{{end}}) ;;
{{- end}}
  esac
  if [[ "$PREFIX" == -* ]]; then
    compadd -- "${opts[@]}"
  else
    compadd -- "${names[@]}"
    [[ "$cmd" == help || "$cmd" == completion || "$cmd" == version ]] || _files
  fi
}
compdef _aksnet_lint aksnet-lint
`,
	"fish": `# fish completion of aksnet-lint: aksnet-lint completion fish | source
complete -c aksnet-lint -n "__fish_use_subcommand" -f -a "{{join .Commands " "}}"
{{- range .Root}}
complete -c aksnet-lint -n "__fish_use_subcommand" {{fishName .}}{{with index $.Values .}} -x -a "{{join . " "}}"{{end}}
{{- end}}
{{- range $cmd, $opts := .ByCmd}}
{{- range $opts}}
complete -c aksnet-lint -n "__fish_seen_subcommand_from {{$cmd}}" {{fishName .}}
{{- end}}
{{- end}}
complete -c aksnet-lint -n "__fish_seen_subcommand_from help" -f -a "{{join .Commands " "}}"
complete -c aksnet-lint -n "__fish_seen_subcommand_from completion" -f -a "{{join .Shells " "}}"
`,
	"pwsh": `# PowerShell completion of aksnet-lint: aksnet-lint completion pwsh | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName aksnet-lint -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
  $commands = @({{range $i, $c := .Commands}}{{if $i}}, {{end}}'{{$c}}'{{end}})
  $cmd = ''
  foreach ($w in $words[1..($words.Count - 1)]) { if ($commands -contains $w) { $cmd = $w; break } }
  $prev = if ($wordToComplete -eq '') { $words[-1] } else { $words[-2] }
  $values = @{ {{range $opt, $v := .Values}}'{{$opt}}' = @({{range $i, $x := $v}}{{if $i}}, {{end}}'{{$x}}'{{end}}); {{end}}}
  $byCmd = @{ '' = @({{range $i, $o := .Root}}{{if $i}}, {{end}}'{{$o}}'{{end}}); {{range $cmd, $opts := .ByCmd}}'{{$cmd}}' = @({{range $i, $o := $opts}}{{if $i}}, {{end}}'{{$o}}'{{end}}); {{end}}}
  if ($values.ContainsKey($prev)) {
    $candidates = $values[$prev]
  } elseif ($wordToComplete.StartsWith('-')) {
    $candidates = $byCmd[$cmd]
  } elseif ($cmd -eq '') {
    $candidates = $commands
  } elseif ($cmd -eq 'help') {
    $candidates = $commands
  } elseif ($cmd -eq 'completion') {
    $candidates = @({{range $i, $s := .Shells}}{{if $i}}, {{end}}'{{$s}}'{{end}})
  } else {
    return
  }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`,
}
