package graph

import "github.com/reportgraph/reportgraph/kg"

// Estimated sizes of the lists that have no page argument. A list field
// costs its size times what one element's selection costs, so a query
// that nests lists is priced by the rows it can produce, while a single
// object field costs 1 plus its selection (gqlgen's default).
const (
	costRegions  = 50 // Query.regions: hundreds in the real table; filtered by level in practice
	costChildren = 20 // Region.children
	costReports  = 10 // Query.reports, Region.reports
	costPrograms = 10 // Report.programs: task areas plus named programs
	costEntities = 50 // Report.entities
	costTargets  = 20 // Report.targets
	costParts    = 10 // Entity.parts, Entity.implementedBy
	costLinks    = 3  // Entity.implements, Region.ancestors
	costEvidence = 2  // Entity.evidence
	costTrace    = 20 // Query.trace
)

func list(size int) func(int) int {
	return func(child int) int { return size * (1 + child) }
}

// setComplexity installs the per-field costs the complexity limit adds up.
func setComplexity(c *ComplexityRoot) {
	c.Query.Regions = func(child int, _ *kg.RegionLevel) int { return costRegions * (1 + child) }
	c.Query.Reports = func(child int, _ *string, _ *int) int { return costReports * (1 + child) }
	c.Query.Trace = func(child int, _ string) int { return costTrace * (1 + child) }
	c.Query.Search = func(child int, _ string, _ *kg.EntityKind, _ *string, _ *kg.RegionLevel, _, _, first, _ *int) int {
		n := 20
		if first != nil && *first > 0 {
			n = *first
		}
		return n * (1 + child)
	}
	c.Query.SearchConnection = func(child int, _ string, _ *kg.EntityKind, _ *string, _ *kg.RegionLevel, _, _, first *int, _ *string) int {
		n := 20
		if first != nil && *first > 0 {
			n = *first
		}
		return n * (1 + child)
	}
	c.Region.Children = list(costChildren)
	c.Region.Descendants = func(child int, _ *kg.RegionLevel) int { return costRegions * (1 + child) }
	c.Region.Reports = list(costReports)
	c.Region.Ancestors = list(costLinks)
	c.Report.Programs = list(costPrograms)
	c.Report.Targets = list(costTargets)
	c.Report.Entities = func(child int, _ *kg.EntityKind) int { return costEntities * (1 + child) }

	c.Program.Parts, c.Initiative.Parts, c.Project.Parts = list(costParts), list(costParts), list(costParts)
	c.Program.ImplementedBy, c.Initiative.ImplementedBy, c.Project.ImplementedBy = list(costParts), list(costParts), list(costParts)
	c.Program.Implements, c.Initiative.Implements, c.Project.Implements = list(costLinks), list(costLinks), list(costLinks)
	c.Program.Evidence, c.Initiative.Evidence, c.Project.Evidence = list(costEvidence), list(costEvidence), list(costEvidence)
}
