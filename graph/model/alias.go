package model

// AliasGroup is analysis.AliasGroup with its entities wrapped for the
// schema; its lists are sliced by their resolvers' first argument.
type AliasGroup struct {
	Name      string
	Key       string
	Size      int
	Complete  bool
	Members   []Entity
	Canonical []Entity
	Merges    []*AliasMerge
}
