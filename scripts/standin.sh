#!/bin/sh
# Builds the NornicDB Bolt server used as the Neo4j stand-in in tests.
#
# NornicDB is deliberately kept out of the project's go.mod (it would add
# ~390 packages and force a newer Go): it is built from a throw-away module in
# a cache directory and the binary is reused across test runs. Prints the path
# of the binary on stdout; all build output goes to stderr.
#
# Environment: NORNICDB_VERSION (default v1.2.3), XDG_CACHE_HOME.
set -eu

version="${NORNICDB_VERSION:-v1.2.3}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/reportgraph/nornicdb-$version"
bin="$cache/nornicdb"

if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

mkdir -p "$cache"
# Serialise concurrent builds (parallel test packages) on a lock directory.
lock="$cache/.build.lock"
tries=0
until mkdir "$lock" 2>/dev/null; do
	if [ -x "$bin" ]; then
		echo "$bin"
		exit 0
	fi
	tries=$((tries + 1))
	if [ "$tries" -gt 600 ]; then
		echo "standin.sh: timed out waiting for $lock (remove it if stale)" >&2
		exit 1
	fi
	sleep 1
done
trap 'rm -rf "$lock" "$work"' EXIT
work="$(mktemp -d "$cache/build.XXXXXX")"

(
	cd "$work"
	# GOFLAGS from the caller (e.g. -mod=vendor) must not leak into this module.
	export GOFLAGS=-mod=mod GOWORK=off
	go mod init standin >&2
	go get "github.com/orneryd/nornicdb/cmd/nornicdb@$version" >&2
	# noui: the UI assets are not in the module zip; no cgo: it would want llama.cpp.
	CGO_ENABLED=0 go build -tags noui -o nornicdb.tmp github.com/orneryd/nornicdb/cmd/nornicdb >&2
	mv nornicdb.tmp "$bin"
)
echo "$bin"
