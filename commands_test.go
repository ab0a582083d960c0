package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildBinary builds the reportgraph binary into a temporary directory, so
// tests run what a user runs.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "reportgraph")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestCommandsThroughBinary runs the built binary as a user would: help in
// every spelling exits 0 and lists every command; a wrong invocation exits 2
// with one line naming what is wrong.
func TestCommandsThroughBinary(t *testing.T) {
	bin := buildBinary(t)
	tests := []struct {
		name     string
		args     []string
		env      []string
		wantCode int
		stdout   []string // substrings
		stderr   []string
	}{
		{"help", []string{"help"}, nil, 0, []string{"serve", "load", "export", "reportgraph help COMMAND"}, nil},
		{"-h", []string{"-h"}, nil, 0, []string{"commands:", "serve", "load", "export"}, nil},
		{"--help", []string{"--help"}, nil, 0, []string{"commands:"}, nil},
		{"help load", []string{"help", "load"}, []string{"NEO4J_PASSWORD=s3cret-pass", "NEO4J_URI=bolt://u:s3cret-pass@h:1"}, 0,
			[]string{"usage: reportgraph load [FLAGS] [FILE|DIR…]", "-uri", "NEO4J_URI"}, nil},
		{"load -h", []string{"load", "-h"}, nil, 0, nil, []string{"usage: reportgraph load", "-database"}},
		{"serve -h", []string{"serve", "-h"}, nil, 0, nil, []string{"usage: reportgraph serve", "-addr", "-store"}},
		{"export -h", []string{"export", "-h"}, nil, 0, nil, []string{"usage: reportgraph export", "-out"}},
		{"unknown command", []string{"frobnicate"}, nil, 2, nil, []string{`unknown command "frobnicate" (commands: serve, load, export`}},
		{"help unknown", []string{"help", "frobnicate"}, nil, 2, nil, []string{`help: unknown command "frobnicate"`}},
		{"bad flag", []string{"load", "-no-such-flag"}, nil, 2, nil, []string{"load: flag provided but not defined: -no-such-flag"}},
		{"load without a URI", []string{"load"}, []string{"NEO4J_URI="}, 2, nil, []string{"set NEO4J_URI or pass -uri"}},
		{"serve neo4j without a URI", []string{"-store", "neo4j", "-addr", "127.0.0.1:0"}, []string{"NEO4J_URI="}, 2, nil, []string{"store neo4j: set NEO4J_URI"}},
		{"serve extra argument", []string{"serve", "extra"}, nil, 2, nil, []string{`serve: unexpected arguments ["extra"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, tt.args...)
			cmd.Env = append(os.Environ(), tt.env...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout.String(), stderr.String())
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
				}
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			if strings.Contains(stdout.String()+stderr.String(), "s3cret-pass") {
				t.Errorf("output shows a password from the environment:\n%s%s", stdout.String(), stderr.String())
			}
			if tt.wantCode != 0 {
				last := strings.Count(stderr.String(), "reportgraph: ")
				if last != 1 {
					t.Errorf("stderr has %d error lines, want one:\n%s", last, stderr.String())
				}
			}
		})
	}
}

// TestExportThroughBinary writes the CSV files of two small reports with the
// built binary and checks it prints the import command.
func TestExportThroughBinary(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "export", "-out", dir, "testdata/load")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "neo4j-admin database import full") {
		t.Errorf("stdout %q is not the import command", stdout.String())
	}
	for _, f := range []string{"regions.csv", "reports.csv", "entities.csv", "targets.csv", "rel_part_of.csv", "rel_implements.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("export wrote no %s: %v", f, err)
		}
	}
	if !strings.Contains(stderr.String(), "[2/2] loaded "+filepath.Join("testdata", "load", "city-2025.txt")) {
		t.Errorf("no progress line per file:\n%s", stderr.String())
	}
}
