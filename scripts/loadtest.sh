#!/usr/bin/env bash
# loadtest.sh measures simple GraphQL lookups under load from a second
# process, as issue 5 asks (aim: > 10,000 requests/s on 2 cores). It builds
# the server, starts it on a loopback port (optionally with N synthetic
# reports), waits for /healthz, drives POST /graphql with wrk for a bounded
# time per query, prints requests/s and latency percentiles, and stops the
# server. Request logging stays on (it goes to a log file, as in
# production); the figures include its cost.
#
#   scripts/loadtest.sh            # bundled corpus
#   scripts/loadtest.sh 5000       # plus 5,000 synthetic reports
#
# Environment: PORT (18080), DURATION (10s), THREADS (2), CONNECTIONS (32).
# Installs Debian's wrk when it is missing. Loopback only.
set -euo pipefail

synthetic="${1:-0}"
port="${PORT:-18080}"
duration="${DURATION:-10s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
base="http://127.0.0.1:$port"
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

echo "building server" >&2
(cd "$root" && go build -o "$work/reportgraph" .)

# Synthetic reports are written to a folder by cmd/synthcorpus (the server
# binary has no generator) and served from it with the bundled samples.
reports=()
if ((synthetic > 0)); then
  echo "writing $synthetic synthetic reports" >&2
  (cd "$root" && go run ./cmd/synthcorpus -n "$synthetic" -out "$work/corpus")
  reports=(-reports "$work/corpus")
fi

"$work/reportgraph" -addr "127.0.0.1:$port" "${reports[@]}" >"$work/server.log" 2>&1 &
server_pid=$!

# Ingesting thousands of reports takes minutes on a busy machine.
start=$(date +%s)
until curl -fs "$base/healthz" >/dev/null 2>&1; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "server exited:" >&2
    tail -20 "$work/server.log" >&2
    exit 1
  fi
  if (($(date +%s) - start > 1800)); then
    echo "server not healthy after 30 minutes" >&2
    exit 1
  fi
  sleep 1
done
echo "server healthy after $(($(date +%s) - start)) s ($(grep -m1 'reports loaded' "$work/server.log" || true))" >&2

gql() { curl -fs -H 'Content-Type: application/json' --data-binary "$1" "$base/graphql"; }

# A real entity id for the node lookup: the first program of 奈曼旗's report.
entity=$(gql '{"query":"{ reports(region: \"奈曼旗\", year: 2024) { programs { id } } }"}' | jq -r '.data.reports[0].programs[0].id')
if [[ -z "$entity" || "$entity" == null ]]; then
  echo "no entity id to look up" >&2
  exit 1
fi

# name|request body; each answer is checked once before the run.
queries=(
  "region|{\"query\":\"{ region(name: \\\"锡盟\\\") { id name level parent { name } } }\"}"
  "node|{\"query\":\"query(\$id: ID!) { node(id: \$id) { id ... on Entity { name region { name } } } }\",\"variables\":{\"id\":\"$entity\"}}"
)

reports=$(gql '{"query":"{ reports { id } }"}' | jq '.data.reports | length')
echo "corpus: $reports reports; wrk $threads threads, $connections connections, $duration per query"
for q in "${queries[@]}"; do
  name="${q%%|*}"
  body="${q#*|}"
  answer=$(gql "$body")
  if ! jq -e '.data and (.errors | not)' <<<"$answer" >/dev/null; then
    echo "$name: bad answer: $answer" >&2
    exit 1
  fi
  # JSON-encode the body into the Lua script so quoting cannot break it.
  cat >"$work/$name.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = $(jq -Rs . <<<"$body" | sed 's/\\n"$/"/')
done = function(summary, latency, requests)
  io.write(string.format("RESULT %s req/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms errors=%d non2xx=%d\n",
    "$name", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
EOF
  echo "== $name: $(uptime)"
  wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$work/$name.lua" "$base/graphql" | grep -E 'Requests/sec|Latency|RESULT|50%|99%'
done
echo "== after: $(uptime)"
