package kg

import "strconv"

// Statistic is a realised figure a user supplies from outside the reports
// (a statistical yearbook or bulletin, as a CSV file): what a region
// achieved in a year, set beside the targets its reports set. It belongs
// to its region and to the file it came from, never to a report.
type Statistic struct {
	ID        string // StatisticID(region code, Year, Source, Indicator, Measure, Unit)
	RegionID  string
	Year      int    // the year the figure is about
	Indicator string // as the file writes it: 地区生产总值, gdp
	// IndicatorCode groups it with the reports' wordings (gdp); "" when the
	// name is no known wording.
	IndicatorCode string
	Measure       string // "增长" for a growth rate, "" for an amount, as on Target
	Value         float64
	Unit          string // %, 亿元, 万人
	Source        string // the file's name
	Line          int    // its line in the file (the header is line 1)
}

// StatisticID is the id of a statistic: its region, year and file, and
// what it measures. One file states one figure per region, year,
// indicator, measure and unit; two files may state the same one.
func StatisticID(code string, year int, source, indicator, measure, unit string) string {
	return "statistic/" + code + "/" + strconv.Itoa(year) + "/" + shortHash(source+"\x00"+indicator+"\x00"+measure+"\x00"+unit)
}

// StatisticFilter selects statistics; zero fields do not filter. Results
// are ordered by region id, year, then id.
type StatisticFilter struct {
	RegionIDs     []string
	Indicator     string // exact name as the file writes it
	IndicatorCode string // every wording of one indicator
	Year          *int
	Sources       []string // file names
	Limit         int
}

// Matcher returns whether a statistic passes f: the one definition both
// stores' finders are held to. Its sets are built once, for a scan.
func (f StatisticFilter) Matcher() func(*Statistic) bool {
	regions, sources := FilterOf(f.RegionIDs), FilterOf(f.Sources)
	return func(st *Statistic) bool {
		return (f.Year == nil || st.Year == *f.Year) && regions.Accepts(st.RegionID) && sources.Accepts(st.Source) &&
			(f.Indicator == "" || st.Indicator == f.Indicator) &&
			(f.IndicatorCode == "" || st.IndicatorCode == f.IndicatorCode)
	}
}

// Less orders statistics as finders return them.
func (st *Statistic) Less(o *Statistic) bool {
	if st.RegionID != o.RegionID {
		return st.RegionID < o.RegionID
	}
	if st.Year != o.Year {
		return st.Year < o.Year
	}
	return st.ID < o.ID
}

// ValidateStatistics checks statistics written for source: each is of
// source, has its id by StatisticID, and no id comes twice.
func ValidateStatistics(source string, stats []Statistic) error {
	if source == "" {
		return Errorf(EINVALID, "statistics: empty source")
	}
	seen := make(map[string]bool, len(stats))
	for i := range stats {
		st := &stats[i]
		code := regionCode(st.RegionID)
		switch {
		case st.Source != source:
			return Errorf(EINVALID, "statistic %s: source %q, written for %q", st.ID, st.Source, source)
		case code == "":
			return Errorf(EINVALID, "statistic %s: region id %q", st.ID, st.RegionID)
		case st.ID != StatisticID(code, st.Year, source, st.Indicator, st.Measure, st.Unit):
			return Errorf(EINVALID, "statistic %s: id must be %s", st.ID, StatisticID(code, st.Year, source, st.Indicator, st.Measure, st.Unit))
		case seen[st.ID]:
			return Errorf(EINVALID, "statistic %s: given twice (%s line %d)", st.ID, source, st.Line)
		}
		seen[st.ID] = true
	}
	return nil
}
