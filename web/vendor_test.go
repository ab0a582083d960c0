package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVendoredMatchesLock checks that the committed bundles in
// static/vendor are the versions package-lock.json pins: bumping a package
// without rerunning scripts/build-web.sh fails here, not in a browser.
func TestVendoredMatchesLock(t *testing.T) {
	lockBytes, err := os.ReadFile("package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(lockBytes, &lock); err != nil {
		t.Fatalf("parse package-lock.json: %v", err)
	}
	versions, err := os.ReadFile(filepath.Join("static", "vendor", "VERSIONS"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(versions)), "\n")
	if len(lines) < 5 {
		t.Fatalf("VERSIONS lists %d packages, want react, react-dom, graphiql, cytoscape, chart.js", len(lines))
	}
	for _, line := range lines {
		pkg, version, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("malformed VERSIONS line %q", line)
		}
		locked := lock.Packages["node_modules/"+pkg].Version
		if locked != version {
			t.Errorf("%s: vendored %s, package-lock.json pins %q; run scripts/build-web.sh", pkg, version, locked)
		}
		if _, err := os.Stat(filepath.Join("static", "vendor", "licenses", pkg+".txt")); err != nil {
			t.Errorf("%s: no license file vendored: %v", pkg, err)
		}
	}
}
