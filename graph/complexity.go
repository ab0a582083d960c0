package graph

import (
	"github.com/reportgraph/reportgraph/graph/generated"
	"github.com/reportgraph/reportgraph/graph/model"
	"github.com/reportgraph/reportgraph/kg"
)

// Estimated sizes of the lists that have no page argument. A list field
// costs its size times what one element's selection costs, so a query
// that nests lists is priced by the rows it can produce, while a single
// object field costs 1 plus its selection (gqlgen's default).
const (
	costReports     = 10 // Query.reports, Region.reports
	costPrograms    = 10 // Report.programs: task areas plus named programs
	costOutline     = 15 // Report.outline: a few parts and their task areas
	costEntities    = 50 // Report.entities
	costTargets     = 20 // Report.targets
	costParts       = 10 // Entity.parts, Entity.implementedBy
	costLinks       = 3  // Entity.implements, Region.ancestors
	costEvidence    = 2  // Entity.evidence
	costTrace       = 20 // Query.trace
	costSpread      = 50 // Query.spread's walk, and each of its region lists: regions taking a program up, gaps
	costSpreadLinks = 5  // SpreadRegion.links: one per report year and member
	costPath        = 8  // Query.path: at most analysis.MaxPathHops hops
	costDiff        = 30 // each list of Query.reportDiff
	costStats       = 20 // Region.stats: a few tallies, but a subtree walk
	costLevels      = 4  // one row per region level (TargetEscalationConnection.byLevel)
	costCurve       = 15 // LevelAdoption.curve: a point per year of reports
	costNames       = 6  // Entity.names: key, stem, plain, aliases, a few expansions
	costHolders     = 20 // AliasMerge.holders: the members sharing one name
	// costCall is the base cost of a root field that runs a search or a
	// walk in the store, whatever page it asks for: 18,000 aliases of a
	// one-row searchConnection each ranked every hit and ran 14.5 s
	// inside the limit when only the page was priced.
	costCall = 25
)

// pageOf is the cost of a connection: its page size times its selection.
func pageOf(first *int, child int) int {
	n := 20
	if first != nil && *first > 0 {
		n = *first
	}
	return n * (1 + child)
}

func list(size int) func(int) int {
	return func(child int) int { return size * (1 + child) }
}

// setComplexity installs the per-field costs the complexity limit adds up;
// the region lists cost their exact bounds rb, the report and entity
// lists the latest bounds of the stored corpus (corpus; estimates until
// it is measured).
func setComplexity(c *generated.ComplexityRoot, rb RegionBounds, corpus *CorpusLimits) {
	c.Query.Regions = func(child int, level *kg.RegionLevel) int { return rb.regions(level) * (1 + child) }
	c.Query.Reports = func(child int, region *string, year *int) int {
		return corpus.current().reports(region, year) * (1 + child)
	}
	c.Query.Trace = func(child int, _ string) int { return costCall + costTrace*(1+child) }
	c.Query.Search = func(child int, _ string, _ *kg.EntityKind, _ *string, _ *kg.RegionLevel, _, _, first, _ *int) int {
		n := 20
		if first != nil && *first > 0 {
			n = *first
		}
		return costCall + n*(1+child)
	}
	c.Query.SearchConnection = func(child int, _ string, _ *kg.EntityKind, _ *string, _ *kg.RegionLevel, _, _, first *int, _ *string, _ *model.SearchFilter, _ *model.SearchOrder) int {
		return costCall + pageOf(first, child)
	}
	c.Query.TraceConnection = func(child int, _ string, first *int, _ *string) int { return costCall + pageOf(first, child) }
	// The spread's lists are priced where they are, so a query paging its
	// connections costs its pages, not the unpaged lists' estimate.
	c.Query.Spread = func(child int, _ string) int { return costCall + costSpread + child }
	c.Spread.Regions, c.Spread.Gaps, c.SpreadLevel.Regions = list(costSpread), list(costSpread), list(costSpread)
	c.SpreadRegion.Links = list(costSpreadLinks)
	c.Spread.RegionsConnection = func(child int, _ *kg.RegionLevel, first *int, _ *string) int { return pageOf(first, child) }
	c.Spread.GapsConnection = func(child int, _ *kg.RegionLevel, first *int, _ *string) int { return pageOf(first, child) }
	c.SpreadLevel.RegionsConnection = func(child int, first *int, _ *string) int { return pageOf(first, child) }
	c.SpreadRegion.LinksConnection = func(child int, first *int, _ *string) int { return pageOf(first, child) }
	c.Query.Path = func(child int, _, _ string, _ *int) int { return costCall + costPath*(1+child) }
	c.Query.TargetComparison = func(child int, _ model.TargetComparisonFilter, first *int, _ *string) int {
		return costCall + pageOf(first, child)
	}
	// An escalation walks a subtree as stats do, then pages its rows.
	c.Query.TargetEscalation = func(child int, _ model.TargetEscalationFilter, first *int, _ *string) int {
		return costCall + costStats + pageOf(first, child)
	}
	c.TargetEscalationConnection.ByLevel = list(costLevels)
	// A diffusion walks an alias group or a search, then lists a region
	// per adopter, as a spread does.
	c.Query.Diffusion = func(child int, _, _, _ *string) int { return costCall + costSpread + child }
	c.Diffusion.Adopters = list(costSpread)
	c.Diffusion.AdoptersConnection = func(child int, _ *kg.RegionLevel, first *int, _ *string) int { return pageOf(first, child) }
	c.Diffusion.Levels = list(costLevels)
	c.LevelAdoption.Curve = list(costCurve)
	// Text reuse reads two reports' entities and targets, then pages its
	// pairs.
	c.Query.TextReuse = func(child int, _ string, _ *string, _ *float64, first *int, _ *string) int {
		return costCall + pageOf(first, child)
	}
	// A panel page reads its whole table to count it, as a walk does.
	c.Query.PanelTargets = func(child int, _ *model.PanelFilter, first *int, _ *string) int {
		return costCall + costStats + pageOf(first, child)
	}
	c.Query.PanelEntities = func(child int, _ *model.PanelFilter, first *int, _ *string) int {
		return costCall + costStats + pageOf(first, child)
	}
	c.Query.ReportDiff = func(child int, _ string, _ int, _ *int, _ *kg.EntityKind) int { return costCall + costDiff*(1+child) }
	c.Region.DescendantsConnection = func(child int, _ *kg.RegionLevel, first *int, _ *string) int { return pageOf(first, child) }
	c.Region.Stats = func(child int, _ *model.YearRange) int { return costStats + child }
	c.Report.EntitiesConnection = func(child int, _ *kg.EntityKind, first *int, _ *string) int { return pageOf(first, child) }
	c.Region.Children = list(rb.MaxChildren)
	c.Region.Descendants = func(child int, level *kg.RegionLevel) int { return rb.descendants(level) * (1 + child) }
	c.Region.Ancestors = list(rb.MaxAncestors)
	// Bounds of the corpus are read per request: a load can change them.
	measured := func(bound func(CorpusBounds) int) func(int) int {
		return func(child int) int { return bound(corpus.current()) * (1 + child) }
	}
	c.Region.Reports = measured(func(b CorpusBounds) int { return b.MaxReportsPerRegion })
	c.Report.Programs = measured(func(b CorpusBounds) int { return b.MaxPrograms })
	c.Report.Targets = measured(func(b CorpusBounds) int { return b.MaxTargets })
	c.Report.Outline = list(costOutline)
	c.OutlineSection.Entities = func(child int, kind *kg.EntityKind) int { return corpus.current().entities(kind) * (1 + child) }
	c.Report.Entities = func(child int, kind *kg.EntityKind) int { return corpus.current().entities(kind) * (1 + child) }

	parts := measured(func(b CorpusBounds) int { return b.MaxParts })
	implementedBy := measured(func(b CorpusBounds) int { return b.MaxImplementedBy })
	implements := measured(func(b CorpusBounds) int { return b.MaxImplements })
	c.Program.Parts, c.Initiative.Parts, c.Project.Parts, c.Term.Parts = parts, parts, parts, parts
	c.Program.ImplementedBy, c.Initiative.ImplementedBy, c.Project.ImplementedBy, c.Term.ImplementedBy = implementedBy, implementedBy, implementedBy, implementedBy
	c.Program.Implements, c.Initiative.Implements, c.Project.Implements, c.Term.Implements = implements, implements, implements, implements
	c.Program.Evidence, c.Initiative.Evidence, c.Project.Evidence = list(costEvidence), list(costEvidence), list(costEvidence)
	c.Term.Evidence = list(costEvidence)

	// An alias group is a walk over shared names: a store call per layer.
	group := func(child int) int { return costCall + child }
	c.Query.AliasGroup = func(child int, _ string) int { return group(child) }
	c.Program.AliasGroup, c.Initiative.AliasGroup, c.Project.AliasGroup, c.Term.AliasGroup = group, group, group, group
	c.Program.Names, c.Initiative.Names, c.Project.Names, c.Term.Names = list(costNames), list(costNames), list(costNames), list(costNames)
	page := func(child int, first *int) int { return pageOf(first, child) }
	c.AliasGroup.Members, c.AliasGroup.Canonical, c.AliasGroup.Merges = page, page, page
	c.AliasMerge.Holders = list(costHolders)
}
