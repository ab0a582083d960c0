#!/usr/bin/env bash
# build-web.sh installs the pinned front-end packages (web/package-lock.json)
# and copies their prebuilt browser bundles into web/static/vendor/, which is
# committed and embedded into the Go binary with go:embed. No bundler runs:
# every file copied is a UMD build published in the npm package, so the
# playground and explorer work on a machine with no internet access and
# `go run .` needs no npm at all. Re-run after changing web/package.json.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
web="$root/web"
vendor="$web/static/vendor"

cd "$web"
npm ci --ignore-scripts --no-audit --no-fund

nm="$web/node_modules"
# source path inside node_modules -> file name under static/vendor
files=(
  "react/umd/react.production.min.js:react.production.min.js"
  "react-dom/umd/react-dom.production.min.js:react-dom.production.min.js"
  "graphiql/graphiql.min.js:graphiql.min.js"
  "graphiql/graphiql.min.css:graphiql.min.css"
  "cytoscape/dist/cytoscape.min.js:cytoscape.min.js"
  "chart.js/dist/chart.umd.min.js:chart.umd.min.js"
)
licenses=(react react-dom graphiql cytoscape chart.js)

rm -rf "$vendor"
mkdir -p "$vendor/licenses"
for pair in "${files[@]}"; do
  src="${pair%%:*}"
  dst="${pair##*:}"
  cp "$nm/$src" "$vendor/$dst"
done
for pkg in "${licenses[@]}"; do
  lic="$(find "$nm/$pkg" -maxdepth 1 -iname 'LICENSE*' | head -n 1)"
  if [[ -z "$lic" ]]; then
    echo "build-web: no license file in $pkg" >&2
    exit 1
  fi
  cp "$lic" "$vendor/licenses/$pkg.txt"
done

# Record exactly which versions were copied, so a reviewer can check the
# committed files against the lock file without running npm.
{
  for pkg in "${licenses[@]}"; do
    printf '%s %s\n' "$pkg" "$(node -p "require('$nm/$pkg/package.json').version")"
  done
} > "$vendor/VERSIONS"

# Source maps are not copied, so drop the trailing sourceMappingURL comments
# that would make browser devtools request missing files.
for f in "$vendor"/*.js "$vendor"/*.css; do
  sed -i -E '/^\/[\/*][#@] sourceMappingURL=/d' "$f"
done

echo "build-web: copied $(ls "$vendor" | wc -l) entries into $vendor ($(du -sh "$vendor" | cut -f1))"
