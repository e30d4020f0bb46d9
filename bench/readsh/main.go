//go:build bench

// Command readsh is the floor bench/scripts.sh measures the linter against on shell
// scripts: it reads every .sh file under the given paths and parses it with
// mvdan.cc/sh/v3 (bash), the parser the linter's script extractor uses, and does
// nothing else.
//
//	readsh PATH...           read and parse every .sh file under each PATH
//	readsh -blocks OUT DIR   write the shell blocks of the Markdown files under DIR that
//	                         run an az aks or az network command, parse, and are not a
//	                         copy of an earlier one, as OUT/NNNN.sh (bench/scripts.sh's set)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/markdown"
)

func main() {
	blocks := flag.String("blocks", "", "write the az blocks of the Markdown files under DIR into this directory")
	flag.Parse()
	if *blocks != "" {
		if flag.NArg() != 1 {
			fail(fmt.Errorf("usage: readsh -blocks OUT DIR"))
		}
		n, err := writeBlocks(*blocks, flag.Arg(0))
		if err != nil {
			fail(err)
		}
		fmt.Printf("%d blocks\n", n)
		return
	}
	files, bad := 0, 0
	parser := syntax.NewParser(syntax.Variant(syntax.LangBash))
	for _, root := range flag.Args() {
		//nolint:gosec // a benchmark tool: it reads the paths it is given, nothing else
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sh") {
				return err
			}
			data, err := os.ReadFile(path) //nolint:gosec // as above
			if err != nil {
				return err
			}
			files++
			if _, err := parser.Parse(bytes.NewReader(data), path); err != nil {
				bad++
			}
			return nil
		})
		if err != nil {
			fail(err)
		}
	}
	fmt.Printf("%d files, %d not parsed\n", files, bad)
}

// azCommand is a line that runs az aks or az network, the commands the linter reads.
var azCommand = regexp.MustCompile(`(?m)^\s*az (aks|network) `)

// writeBlocks writes each shell block of the Markdown files under dir (as the linter
// finds blocks: internal/extract/markdown) that runs an az aks or az network command to
// out, one file a block named by its order, and returns how many it wrote. A block that
// does not parse is left out: the linter stops at the parse error, the floor parses it
// all the same, and such blocks would flatter the ratio. So is a block another document
// already showed (`az aks get-credentials ...`): the set is of distinct scripts.
func writeBlocks(out, dir string) (int, error) {
	n := 0
	seen := map[string]bool{}
	parser := syntax.NewParser(syntax.Variant(syntax.LangBash))
	//nolint:gosec // a benchmark tool: it reads the directory it is given
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path) //nolint:gosec // as above
		if err != nil {
			return err
		}
		for _, b := range markdown.Blocks(src) {
			if !azCommand.Match(b.Text) || seen[string(b.Text)] {
				continue
			}
			if _, err := parser.Parse(bytes.NewReader(b.Text), path); err != nil {
				continue
			}
			seen[string(b.Text)] = true
			n++
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%04d.sh", n)), b.Text, 0o600); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "readsh:", err)
	os.Exit(2)
}
