package azcli

import (
	"sort"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"mvdan.cc/sh/v3/syntax"
)

// plainWord reports a word of literal and single-quoted text only.
func plainWord(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.Lit, *syntax.SglQuoted:
		default:
			return false
		}
	}
	return true
}

// brokenContinuations finds az aks / az network commands followed by a line that starts
// with a --flag: bash ended the command at the line break (no backslash, or a backslash
// followed by spaces), and ran the flags as a command of their own.
func brokenContinuations(src *source, f *syntax.File) []brokenM {
	var azCmds []*syntax.CallExpr
	orphans := map[int]*syntax.CallExpr{} // by 0-based start line
	syntax.Walk(f, func(n syntax.Node) bool {
		if w, ok := n.(*syntax.Word); ok {
			// a word of literal text holds no command: its parts are not walked (half
			// the nodes of a script's syntax tree)
			return !plainWord(w)
		}
		c, ok := n.(*syntax.CallExpr)
		if !ok || len(c.Args) == 0 {
			return true
		}
		first := c.Args[0].Lit()
		switch {
		case first == "az" && len(c.Args) > 1 && (c.Args[1].Lit() == "aks" || c.Args[1].Lit() == "network"):
			azCmds = append(azCmds, c)
		case strings.HasPrefix(first, "--") && len(first) > 2 && isLetter(first[2]) && len(c.Assigns) == 0:
			orphans[src.lineOf(int(c.Pos().Offset()))] = c
		}
		return true
	})
	if len(orphans) == 0 {
		return nil // nothing ran on: the commands' names and places are not needed
	}
	var out []brokenM
	for _, c := range azCmds {
		name := commandName(c)
		cmdLoc := src.loc(int(c.Pos().Offset()), int(c.End().Offset()))
		end := endLine(src, c)
		for range len(orphans) {
			// A comment line the continuation ran into ends the command: bash reads no
			// line continuation in a comment, whatever it ends with.
			comment := -1
			if continues(src.line(end)) {
				for l := end + 1; l < len(src.starts) && isCommentLine(src.line(l)); l++ {
					if comment < 0 {
						comment = l
					}
					end = l
				}
			}
			o, ok := orphans[end+1]
			if !ok {
				break
			}
			reason := "missing-backslash"
			if l := src.line(end); strings.HasSuffix(strings.TrimRight(l, " \t"), `\`) && strings.TrimRight(l, " \t") != l {
				reason = "trailing-space"
			}
			flag := o.Args[0].Lit()
			if i := strings.IndexByte(flag, '='); i >= 0 {
				flag = flag[:i]
			}
			w := o.Args[0]
			at := src.loc(int(w.Pos().Offset()), int(w.End().Offset()))
			if comment >= 0 {
				reason = "comment"
				text := src.line(comment)
				start := src.starts[comment] + len(text) - len(strings.TrimLeft(text, " \t"))
				at = src.loc(start, src.starts[comment]+len(strings.TrimRight(text, " \t")))
			}
			out = append(out, brokenM{
				BrokenContinuation: netdoc.BrokenContinuation{Command: name, Flag: flag, Reason: reason, CommandLine: cmdLoc.Line},
				at:                 at,
				cmd:                cmdLoc,
			})
			end = endLine(src, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].at, out[j].at
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return out
}

// endLine is the 0-based line of a command's last character.
func endLine(src *source, c *syntax.CallExpr) int {
	return src.lineOf(max(int(c.Pos().Offset()), int(c.End().Offset())-1))
}

// commandName is "az" and the command's literal subcommand words ("az aks create").
func commandName(c *syntax.CallExpr) string {
	parts := []string{"az"}
	for _, w := range c.Args[1:] {
		s := w.Lit()
		// An escaped space ("\ ", a backslash before trailing spaces) is an argument of
		// its own, not a subcommand word.
		if s == "" || strings.HasPrefix(s, "-") || strings.TrimSpace(strings.ReplaceAll(s, `\`, "")) == "" {
			break
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// continues reports a line that ends in a line continuation (an odd run of backslashes).
func continues(line string) bool {
	n := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// isCommentLine reports a line that holds only a comment.
func isCommentLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "#")
}
