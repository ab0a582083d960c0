// Package data embeds the bundled sample corpus so the binary serves it
// from anywhere, with no files beside it.
package data

import (
	"embed"
	"io/fs"
)

//go:embed reports
var reports embed.FS

// Reports returns the bundled sample reports as a file system whose root
// holds the report files.
func Reports() fs.FS {
	sub, err := fs.Sub(reports, "reports")
	if err != nil {
		panic(err) // the embedded path is fixed at compile time
	}
	return sub
}
