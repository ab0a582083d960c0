// Package loader turns one government work report file into its graph.
// It runs in three pure stages, like a markdown parser: Normalize (bytes →
// clean UTF-8 text), Parse (text → Document with rune offsets into the
// text) and Extract (Document → kg.ReportGraph). It never does I/O.
package loader

import (
	"context"
	"fmt"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// Version names the extraction rules. Ingest puts it in every report's
// fingerprint, so the first load after a change to them extracts every file
// again instead of skipping it as unchanged. TestExtractionVersion fails
// when what Load returns for the sample corpus changes and Version does not.
const Version = "2026-12-08.98"

// Load turns one report file into its graph. Pure: no I/O, deterministic.
// A file that is not a work report, or whose region or year cannot be
// decided, fails with kg.EINVALID and a one-line reason (callers print
// "skip <file>: <reason>"). The caller bounds the file's size (ingest's
// MaxFileSize); ctx cancels a long load between and within its stages,
// with ctx's error.
func Load(ctx context.Context, name string, raw []byte, tree *division.Tree) (kg.ReportGraph, error) {
	if err := ctx.Err(); err != nil {
		return kg.ReportGraph{}, fmt.Errorf("load %s: %w", name, err)
	}
	text, err := Normalize(raw)
	if err != nil {
		return kg.ReportGraph{}, fmt.Errorf("load %s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return kg.ReportGraph{}, fmt.Errorf("load %s: %w", name, err)
	}
	g, err := Extract(ctx, Parse(text), tree, name)
	if err != nil {
		return kg.ReportGraph{}, fmt.Errorf("load %s: %w", name, err)
	}
	return g, nil
}

// Parse builds the document structure of normalised text; every node keeps
// rune offsets into t.Body.
func Parse(t Text) *Document {
	if t.Lines == nil { // a Text made by hand, not by Normalize
		return parse(t.Body, t.Meta)
	}
	return parseLines(t.Body, t.Lines, t.Meta)
}
