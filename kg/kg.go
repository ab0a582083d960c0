// Package kg holds reportgraph's domain: the entities of the report graph,
// the Store interface both storage back ends implement, and error codes.
// It imports only the standard library so every other package can depend on it.
package kg

// RegionLevel is the administrative level of a region.
type RegionLevel string

const (
	LevelNational    RegionLevel = "NATIONAL"
	LevelProvincial  RegionLevel = "PROVINCIAL"
	LevelPrefectural RegionLevel = "PREFECTURAL"
	LevelCounty      RegionLevel = "COUNTY"
)

// Rank orders levels from the top (0) to the bottom (3).
func (l RegionLevel) Rank() int {
	switch l {
	case LevelNational:
		return 0
	case LevelProvincial:
		return 1
	case LevelPrefectural:
		return 2
	case LevelCounty:
		return 3
	}
	return 4
}

// Valid reports whether l is one of the four known levels.
func (l RegionLevel) Valid() bool { return l.Rank() < 4 }

// Region is an administrative division (GB/T 2260).
type Region struct {
	ID         string      // "region/<code>"
	Code       string      // six-digit GB/T 2260 code; "000000" for the national root
	Name       string      // official full name: 内蒙古自治区, 锡林郭勒盟
	ShortNames []string    // common short forms: 内蒙古, 锡盟
	Level      RegionLevel // NATIONAL … COUNTY
	ParentID   string      // empty for the national root
}

// Report is one government work report.
type Report struct {
	ID          string // "report/<region code>/<year>"
	RegionID    string
	Year        int    // the year the report plans for
	DeliveredOn string // ISO date (2024-01-26) when the text states it
	Title       string
	Source      string // file name the report was loaded from
	// ContentHash fingerprints the file's bytes and the extractor that
	// read them (ingest.Fingerprint): a load skips a file whose report
	// already carries its fingerprint.
	ContentHash string
	// Outline is the report's parts and the task areas under them, in
	// order: what a client shows as its table of contents.
	Outline []Section
}

// Section is one heading of a report's outline: a part (一、…) or a task
// area under it (（一）…, 一是…).
type Section struct {
	Heading string // as written, the area's up to its first 。
	Ordinal string // 二、, （一） or 一是 as written; "" when the heading has none
	Level   int    // 1 a part, 2 a task area
	// Start is the heading's rune offset in the normalised text (as
	// Evidence.Offset); End where the next heading of its level or above
	// starts, or the body ends.
	Start, End int
}

// EntityKind classifies a named thing in a report.
type EntityKind string

const (
	KindProgram    EntityKind = "PROGRAM"
	KindInitiative EntityKind = "INITIATIVE"
	KindProject    EntityKind = "PROJECT"
	// KindTerm is a term the report's glossary (名词解释) defines that
	// names no program, initiative or project (“四上”企业, “两新”): an
	// analyst looks its definition up and searches it like any name.
	KindTerm EntityKind = "TERM"
)

// Valid reports whether k is a known kind.
func (k EntityKind) Valid() bool {
	return k == KindProgram || k == KindInitiative || k == KindProject || k == KindTerm
}

// Evidence is the verbatim passage a fact was extracted from.
type Evidence struct {
	ReportID string
	Section  string // section path, e.g. "二、2024年重点工作 / （一）…"
	Offset   int    // character (rune) offset of Text in the normalised report text
	Text     string // the verbatim sentence
}

// Entity is a program, initiative, project or glossary term named in a report.
type Entity struct {
	ID             string // "entity/<region code>/<year>/<hash of key>"
	Kind           EntityKind
	Name           string
	Key            string   // normalised name used for matching (quotes, spaces removed)
	Aliases        []string // other spellings seen in the same report
	ReportID       string
	RegionID       string
	Definition     string // from the report's glossary (名词解释), when it defines the entity
	LeadDepartment string // projects from 民生实事 appendices: 牵头责任单位
	// TaskArea marks a program that is one of the task areas of the
	// report's plan (（一）…), read from its heading, not a named program.
	TaskArea bool
	Evidence []Evidence
	// Names are the forms the entity is known by across reports (link.Names):
	// entities of different reports sharing one are the same program
	// written differently (“三北”工程, 三北六期工程). Empty for an entity
	// that is no name (a task area, a 民生实事 sentence).
	Names []Name
}

// Name is one form an entity is known by, and the rule that derived it.
type Name struct {
	Key  string // normalised: no quotes, brackets or spaces, half-width
	Rule NameRule
}

// NameRule tells how a Name was derived from an entity.
type NameRule string

const (
	NameKey   NameRule = "KEY"   // the entity's own key
	NameAlias NameRule = "ALIAS" // another spelling the same report gives it
	NameStem  NameRule = "STEM"  // the key without a variant suffix: 三北 for 三北六期工程
	NamePlain NameRule = "PLAIN" // an action's key without intensifiers (攻坚, 专项)
	// NameUnscoped: the key without the scope word before it (国家, 自治区,
	// 全市): 国家“三北”工程 is the 三北工程 other reports name.
	NameUnscoped NameRule = "UNSCOPED"
	// NameAbbreviation: the entity's name is a quoted handle and a suffix
	// (“三北”工程), the usual short form of a longer name.
	NameAbbreviation NameRule = "ABBREVIATION"
	// NameExpansion: a short form the entity's longer name may be
	// abbreviated to (三北工程 for 三北防护林体系建设工程). It joins only an
	// entity holding the same key as an ABBREVIATION: two long names that
	// start alike are not thereby the same.
	NameExpansion NameRule = "EXPANSION"
)

// Valid reports whether r is a known rule.
func (r NameRule) Valid() bool {
	switch r {
	case NameKey, NameAlias, NameStem, NamePlain, NameUnscoped, NameAbbreviation, NameExpansion:
		return true
	}
	return false
}

// EdgeType names a relationship between two graph nodes.
type EdgeType string

const (
	// EdgePartOf links a region to its parent region, and an entity to the
	// task area or named program it belongs to.
	EdgePartOf EdgeType = "PART_OF"
	// EdgeImplements links an entity in a lower-level region's report to the
	// same entity in an ancestor region's report.
	EdgeImplements EdgeType = "IMPLEMENTS"
)

// Edge is a directed relationship From → To.
type Edge struct {
	Type       EdgeType
	FromID     string
	ToID       string
	Method     string     // how an IMPLEMENTS edge was matched: "name", "alias", "member", …
	Confidence float64    // 0..1; PART_OF edges from document structure are 1
	Evidence   []Evidence // for IMPLEMENTS: the passage on each side
}

// TargetQualifier tells how a target value is bounded.
type TargetQualifier string

const (
	QualifierAtLeast TargetQualifier = "AT_LEAST"
	QualifierAbout   TargetQualifier = "ABOUT"
	QualifierAtMost  TargetQualifier = "AT_MOST"
	QualifierRange   TargetQualifier = "RANGE"
	QualifierExact   TargetQualifier = "EXACT"
)

// TargetKind tells a planned target from a reported result.
type TargetKind string

const (
	TargetPlanned TargetKind = "TARGET" // 预期目标 for the report's year
	TargetResult  TargetKind = "RESULT" // what the review part says was achieved last year
)

// Target is a quantitative goal or result stated in a report.
type Target struct {
	ID        string // "target/<region code>/<year>/<hash>"
	ReportID  string
	RegionID  string
	Kind      TargetKind
	Year      int    // year the figure is about (report year for targets, the year before for results)
	Indicator string // 地区生产总值, as the report writes it
	// IndicatorCode groups the wordings of one indicator (gdp for 地区生产总值,
	// 生产总值, 经济增长…; see IndicatorCode); "" when the wording is unknown.
	IndicatorCode string
	Measure       string // what is measured of the indicator: "增长" (growth) or "" for an absolute amount
	Value         float64
	MaxValue      *float64 // upper bound of a RANGE
	Unit          string   // %, 亿元, 万人
	Qualifier     TargetQualifier
	Evidence      Evidence
}

// ReportGraph is everything extracted from one report: the unit the loader
// produces and the store replaces atomically.
type ReportGraph struct {
	Report   Report
	Entities []Entity
	Targets  []Target
	Edges    []Edge // PART_OF edges inside the report (entity → task area / program)
}

// Edge methods: how an edge was established.
const (
	MethodRegion  = "region"  // PART_OF between regions, from GB/T 2260
	MethodSection = "section" // PART_OF from document structure: item inside a task area
	MethodMember  = "member"  // PART_OF from a named program's enumerated members (glossary, text)
	MethodName    = "name"    // IMPLEMENTS: same normalised name
	MethodAlias   = "alias"   // IMPLEMENTS: matched through a known alias
)
