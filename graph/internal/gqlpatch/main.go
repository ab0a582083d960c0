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
// Second, gqlgen marshals every element of a list of objects in a
// goroutine of its own, so that resolvers under the elements run, and
// batch, together. Where no field selected under the elements has a
// resolver nothing can wait, and the goroutines cost more than the
// marshalling: each starts on a small stack and grows it on entering the
// large generated object functions (the copying was 45% of marshalling a
// 1,500-adopter diffusion). gqlpatch routes each list through
// marshalSlice (generated/slices.go), which marshals such a list in the
// calling goroutine, and writes the table it decides by: every field a
// resolver answers, read from the fieldContext functions gqlgen wrote, in
// a file of its own (gqlgen builds the package before gqlpatch runs, with
// the table of the last generation).
//
// Usage (from go:generate in package graph):
//
//	go run ./internal/gqlpatch generated/generated.go generated/resolverfields.go
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"slices"
	"strings"
)

var (
	groupCall = []byte("ec.ProcessDeferredGroup(graphql.DeferredGroup{")
	pathArg   = []byte("\t\tPath:     graphql.GetPath(ctx),\n")
	patched   = []byte("\t\tPath:     deferredPath(ctx, deferLabelToView),\n")
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gqlpatch generated.go resolverfields.go")
		os.Exit(2)
	}
	if err := patch(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gqlpatch:", err)
		os.Exit(1)
	}
}

func patch(name, tableName string) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	out, err := rewrite(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	table, err := resolverTable(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		return err
	}
	return os.WriteFile(tableName, table, 0o644)
}

// rewrite patches src, or says why it cannot.
func rewrite(src []byte) ([]byte, error) {
	src, err := patchDeferPaths(src)
	if err != nil {
		return nil, err
	}
	return patchSliceMarshal(src)
}

// patchDeferPaths builds a deferred group's path only when it has defers.
func patchDeferPaths(src []byte) ([]byte, error) {
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

var (
	sliceCall        = []byte("graphql.MarshalSliceConcurrently(ctx, len(v), ")
	patchedSliceCall = []byte("marshalSlice(ctx, sel, len(v), ")
	// fieldContext is the head of a field's context function: its name
	// (fieldContext_<Object>_<field>), its object, whether a resolver
	// answers it.
	fieldContext = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) fieldContext_(\w+)\(.*\n\tfc = &graphql\.FieldContext\{\n\t\tObject: +"(\w+)",\n\t\tField: +field,\n\t\tIsMethod: +(?:true|false),\n\t\tIsResolver: +(true|false),`)
	// implementors lists an object type and the interfaces it implements.
	implementors = regexp.MustCompile(`(?m)^var \w+Implementors = \[\]string\{([^}]*)\}`)
)

// patchSliceMarshal routes every list through marshalSlice.
func patchSliceMarshal(src []byte) ([]byte, error) {
	calls, done := bytes.Count(src, sliceCall), bytes.Count(src, patchedSliceCall)
	switch {
	case calls == 0 && done > 0:
		return src, nil // patched already
	case calls == 0 || done > 0:
		return nil, fmt.Errorf("%d list marshal calls of the expected form, %d patched: has gqlgen's executor template changed?", calls, done)
	}
	return bytes.ReplaceAll(src, sliceCall, patchedSliceCall), nil
}

// resolverTable writes the Go source of resolverFields: every object
// field a resolver answers, and the same field of each interface the
// object implements (a selection on the interface may reach it).
func resolverTable(src []byte) ([]byte, error) {
	heads := fieldContext.FindAllSubmatch(src, -1)
	if len(heads) == 0 {
		return nil, fmt.Errorf("no fieldContext function of the expected form: has gqlgen's executor template changed?")
	}
	ifaces := map[string][]string{}
	for _, m := range implementors.FindAllSubmatch(src, -1) {
		var names []string
		for _, q := range strings.Split(string(m[1]), ",") {
			names = append(names, strings.Trim(strings.TrimSpace(q), `"`))
		}
		ifaces[names[0]] = names[1:]
	}
	var rows []string
	for _, m := range heads {
		object := string(m[2])
		field, ok := strings.CutPrefix(string(m[1]), object+"_")
		if !ok {
			return nil, fmt.Errorf("fieldContext_%s is not of object %s", m[1], object)
		}
		if string(m[3]) != "true" {
			continue
		}
		for _, typ := range append([]string{object}, ifaces[object]...) {
			rows = append(rows, fmt.Sprintf("\t{%q, %q}: true,\n", typ, field))
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no field has a resolver: has gqlgen's executor template changed?")
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/gqlpatch from generated.go. DO NOT EDIT.\n\n")
	b.WriteString("package generated\n\n")
	b.WriteString("// resolverFields are the fields a resolver answers, by type and name (an\n")
	b.WriteString("// interface's field when an implementer's is), for marshalSlice.\n")
	b.WriteString("var resolverFields = map[typeField]bool{\n")
	for _, r := range rows {
		b.WriteString(r)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
