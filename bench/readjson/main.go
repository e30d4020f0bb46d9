//go:build bench

// Command readjson is the floor the linter is measured against: it reads every .json
// file under the given paths and validates it as JSON, and does nothing else.
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	files, bad := 0, 0
	for _, root := range os.Args[1:] {
		//nolint:gosec // a benchmark tool: it reads the paths it is given, nothing else
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			data, err := os.ReadFile(path) //nolint:gosec // as above
			if err != nil {
				return err
			}
			files++
			if !json.Valid(data) {
				bad++
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	fmt.Printf("%d files, %d not valid JSON\n", files, bad)
}
