package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one subcommand of the binary. run defines its flags on fl
// (whose usage text comes from this table), parses args (what follows the
// command's name) with it and runs.
type command struct {
	name    string
	args    string // what follows the flags, for the usage line
	summary string
	run     func(ctx context.Context, fl *flag.FlagSet, args []string, stdout, stderr io.Writer) error
}

// commands is the binary's one command table; the first is the default
// when the first argument is a flag or absent.
func commands() []command {
	return []command{
		{"serve", "", "serve the graph over GraphQL, loading the reports at start-up (the default)", serve},
		{"load", "[FILE|DIR…]", "write report files (default: the bundled corpus) into the Neo4j of NEO4J_URI", runLoad},
		{"export", "[FILE|DIR…]", "write report files as CSV for neo4j-admin database import", runExport},
	}
}

// usageError marks a wrong invocation (unknown command, bad flag or
// argument): main exits 2 for it, as the flag package does.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func badUsage(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// parseFlags parses args with fl; a bad flag is a usageError, and -h
// returns flag.ErrHelp after the usage is printed.
func parseFlags(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil && !errors.Is(err, flag.ErrHelp) {
		return usageError{fmt.Errorf("%s: %w", fl.Name(), err)}
	} else if err != nil {
		return err
	}
	return nil
}

// isUsage reports whether err is a wrong invocation.
func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

// run dispatches to a subcommand and returns when it is done or ctx ends.
// Help, asked for anywhere, is printed and is not an error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmds := commands()
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			return help(cmds, args[1:], stdout)
		}
	}
	cmd := cmds[0]
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		c, ok := find(cmds, args[0])
		if !ok {
			return badUsage("unknown command %q (commands: %s; see reportgraph help)", args[0], names(cmds))
		}
		cmd, args = c, args[1:]
	}
	return ignoreHelp(cmd.run(ctx, cmd.flagSet(stderr), args, stdout, stderr))
}

func find(cmds []command, name string) (command, bool) {
	for _, c := range cmds {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func names(cmds []command) string {
	var b strings.Builder
	for i, c := range cmds {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.name)
	}
	return b.String()
}

// help prints the command list, or with a command name that command's
// usage and flags.
func help(cmds []command, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		c, ok := find(cmds, args[0])
		if !ok {
			return badUsage("help: unknown command %q (commands: %s)", args[0], names(cmds))
		}
		return ignoreHelp(c.run(context.Background(), c.flagSet(stdout), []string{"-h"}, stdout, stdout))
	}
	fmt.Fprintln(stdout, "reportgraph: Chinese government work reports as a knowledge graph, served over GraphQL.")
	fmt.Fprintln(stdout, "\nusage: reportgraph [COMMAND] [FLAGS] [ARGS]")
	fmt.Fprintln(stdout, "\ncommands:")
	for _, c := range cmds {
		fmt.Fprintf(stdout, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(stdout, "\n`reportgraph help COMMAND` or `reportgraph COMMAND -h` lists a command's flags.")
	return nil
}

// ignoreHelp turns the flag package's "help requested" into success: the
// flag set has printed the command's usage by then.
func ignoreHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// flagSet returns the command's flag set, writing to out, whose usage names
// the binary, the command and its arguments, then lists the flags.
func (c command) flagSet(out io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fl.SetOutput(out)
	fl.Usage = func() {
		fmt.Fprintf(out, "usage: reportgraph %s [FLAGS] %s\n\n%s\n\nflags:\n", c.name, c.args, c.summary)
		fl.PrintDefaults()
	}
	return fl
}
