#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the project for a short while each
# (FUZZTIME, default 10s): the GraphQL layer (documents and variables
# through the whole handler, cursors) and the loader (bytes of any
# encoding to a graph, region detection, normalisation, mentions). A
# failure leaves its input under the package's testdata/fuzz, where
# `go test` then replays it on every run.
#
#   scripts/fuzz.sh                 # 10 s per target
#   FUZZTIME=5m scripts/fuzz.sh     # longer, by hand
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-10s}"
targets=(
  "./graph FuzzGraphQLRequest"
  "./graph FuzzCursor"
  "./loader FuzzLoad"
  "./loader FuzzParseExtract"
  "./loader FuzzNormalize"
  "./loader FuzzDetectRegion"
  "./division FuzzMentions"
)
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  printf '== fuzz %s %s for %s\n' "$pkg" "$name" "$fuzztime"
  # Minimising each new interesting input would take most of a short run.
  go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 2s
done
