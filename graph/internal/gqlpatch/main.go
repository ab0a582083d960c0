// Command gqlpatch edits gqlgen's generated executor after generation, for
// one measured cost gqlgen's templates do not let us configure: every
// object it marshals builds its full response path for a @defer group,
// even when the object has no @defer fragment and the group is dropped
// at once (graphql.ExecutionContextState.ProcessDeferredGroup returns when
// Defers is empty). For the analyst's spread, ~600 objects a request,
// that was 290 kB of a 1.6 MB request's garbage.
//
// It replaces the path argument with deferredPath(ctx, deferLabelToView),
// which builds the path only when there are defers: the same behaviour.
// It fails, leaving the file untouched, unless every deferred group is
// rewritten, so a gqlgen upgrade that changes the template cannot slip by.
//
// Usage (from go:generate in package graph): go run ./internal/gqlpatch generated/generated.go
package main

import (
	"bytes"
	"fmt"
	"os"
)

var (
	groupCall = []byte("ec.ProcessDeferredGroup(graphql.DeferredGroup{")
	pathArg   = []byte("\t\tPath:     graphql.GetPath(ctx),\n")
	patched   = []byte("\t\tPath:     deferredPath(ctx, deferLabelToView),\n")
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gqlpatch generated.go")
		os.Exit(2)
	}
	if err := patch(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gqlpatch:", err)
		os.Exit(1)
	}
}

func patch(name string) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	out, err := rewrite(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(name, out, 0o644)
}

// rewrite patches src, or says why it cannot.
func rewrite(src []byte) ([]byte, error) {
	groups := bytes.Count(src, groupCall)
	if groups == 0 {
		return nil, fmt.Errorf("no %s call: has gqlgen's executor template changed?", groupCall)
	}
	if n := bytes.Count(src, patched); n == groups {
		return src, nil // patched already
	}
	if n := bytes.Count(src, pathArg); n != groups {
		return nil, fmt.Errorf("%d deferred groups but %d path arguments of the expected form: has gqlgen's executor template changed?", groups, n)
	}
	return bytes.ReplaceAll(src, pathArg, patched), nil
}
