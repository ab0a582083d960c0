#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the project for a short while each
# (FUZZTIME executions, default 20000x): the GraphQL layer (documents and
# variables through the whole handler, cursors) and the loader (bytes of
# any encoding to a graph, region detection, normalisation, mentions). A
# failure leaves its input under the package's testdata/fuzz, where
# `go test` then replays it on every run.
#
#   scripts/fuzz.sh                   # 20,000 executions per target
#   FUZZTIME=2000000x scripts/fuzz.sh # longer, by hand
#
# The budget is a count, not a duration: with a duration, Go's fuzzing
# coordinator can report "context deadline exceeded" as a failure when
# the time runs out while a worker is busy (go.dev/issue/75804, fixed in
# Go 1.27), which failed CI once with no failing input.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-20000x}"
targets=(
  "./graph FuzzGraphQLRequest"
  "./graph FuzzCursor"
  "./loader FuzzLoad"
  "./loader FuzzParseExtract"
  "./loader FuzzNormalize"
  "./loader FuzzDetectRegion"
  "./division FuzzMentions"
  "./kg FuzzContainsForm"
)
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  printf '== fuzz %s %s for %s\n' "$pkg" "$name" "$fuzztime"
  # Minimising each new interesting input would take most of a short run.
  go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 200x
done
