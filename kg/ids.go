package kg

import (
	"crypto/sha1"
	"encoding/hex"

	"strconv"
	"strings"
)

// IDs are built from content, never from load order, so reloading the same
// corpus yields the same ids and node(id:) links stay valid.

// NationalCode is the code of the national root region.
const NationalCode = "000000"

// IsRegionCode tells a GB/T 2260 code (six digits, or twelve below the
// county) from a region's name: no name is made of digits.
func IsRegionCode(s string) bool {
	if len(s) != 6 && len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// RegionID returns the id of the region with GB/T 2260 code code.
func RegionID(code string) string { return "region/" + code }

// ReportID returns the id of region code's report for year.
func ReportID(code string, year int) string { return "report/" + code + "/" + strconv.Itoa(year) }

// EntityID returns the id of the entity of kind with normalised name key in reportID.
func EntityID(reportID string, kind EntityKind, key string) string {
	return EntityIDPrefix(reportID) + shortHash(string(kind)+"\x00"+key)
}

// EntityIDPrefix is how every entity id of reportID begins. Validate holds
// reports to it, so no two reports can claim one entity.
func EntityIDPrefix(reportID string) string {
	return "entity/" + strings.TrimPrefix(reportID, "report/") + "/"
}

// TargetID returns the id of reportID's target of kind for indicator and
// measure (增长, 总量, …; "" when the report states one figure): a report
// states one figure per indicator, measure and kind. The recipe has a
// fixed arity so no caller can make ids another cannot reproduce.
func TargetID(reportID string, kind TargetKind, indicator, measure string) string {
	return TargetIDPrefix(reportID) + shortHash(string(kind)+"\x00"+indicator+"\x00"+measure)
}

// TargetIDPrefix is how every target id of reportID begins (see
// EntityIDPrefix).
func TargetIDPrefix(reportID string) string {
	return "target/" + strings.TrimPrefix(reportID, "report/") + "/"
}

// regionCode is the GB/T 2260 code of a region id ("" if id is not one).
func regionCode(id string) string {
	code, ok := strings.CutPrefix(id, "region/")
	if !ok || strings.Contains(code, "/") {
		return ""
	}
	return code
}

// TargetReportID returns the id of the report a target id belongs to.
func TargetReportID(id string) (string, error) {
	parts := strings.Split(id, "/")
	if len(parts) != 4 || parts[0] != "target" {
		return "", Errorf(EINVALID, "malformed target id %q", id)
	}
	year, err := strconv.Atoi(parts[2])
	if err != nil {
		return "", Errorf(EINVALID, "malformed target id %q", id)
	}
	return ReportID(parts[1], year), nil
}

// IDKind returns the node type of an id: "region", "report", "entity" or "target".
func IDKind(id string) string {
	kind, _, _ := strings.Cut(id, "/")
	return kind
}

// ReportRef splits a report id into region code and year.
func ReportRef(id string) (code string, year int, err error) {
	parts := strings.Split(id, "/")
	if len(parts) != 3 || parts[0] != "report" {
		return "", 0, Errorf(EINVALID, "malformed report id %q", id)
	}
	year, err = strconv.Atoi(parts[2])
	if err != nil {
		return "", 0, Errorf(EINVALID, "malformed report id %q", id)
	}
	return parts[1], year, nil
}

// ReportYear is the year of a report id ("report/<code>/<year>"), read
// without splitting it: analyses that meet thousands of entities take the
// year from their ReportID rather than fetching every report.
func ReportYear(id string) (int, error) {
	rest, ok := strings.CutPrefix(id, "report/")
	i := strings.LastIndexByte(rest, '/')
	if !ok || i <= 0 {
		return 0, Errorf(EINVALID, "malformed report id %q", id)
	}
	year, err := strconv.Atoi(rest[i+1:])
	if err != nil || strings.ContainsRune(rest[:i], '/') {
		return 0, Errorf(EINVALID, "malformed report id %q", id)
	}
	return year, nil
}

func shortHash(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// FormatValue renders a float without trailing zeros (8, 6.5).
func FormatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
