// Package loader turns one government work report file into its graph.
// It runs in three pure stages, like a markdown parser: normalize (bytes →
// clean UTF-8 text), structure (text → Document with rune offsets into the
// text) and extract (Document → kg.ReportGraph). It never does I/O.
package loader
