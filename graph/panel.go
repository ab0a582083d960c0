package graph

import (
	"context"

	"github.com/reportgraph/reportgraph/graph/loaders"
	"github.com/reportgraph/reportgraph/graph/model"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/panel"
)

// The panel's connections list the rows of the /export/ tables; package
// panel reads them, a batch of regions at a time, and keeps only the page.

// panelFilter resolves the filter's region to its subtree.
func (r *Resolver) panelFilter(ctx context.Context, f *model.PanelFilter, indicator bool) (panel.Filter, error) {
	if f == nil {
		f = &model.PanelFilter{}
	}
	if f.Indicator != nil && !indicator {
		return panel.Filter{}, kg.Errorf(kg.EINVALID, "indicator filters panelTargets only")
	}
	regions, err := r.regionsUnder(ctx, f.Region)
	if err != nil {
		return panel.Filter{}, err
	}
	pf := panel.Filter{Regions: regions, Level: f.Level}
	pf.YearFrom, pf.YearTo = years(f.Years)
	if f.Indicator != nil {
		pf.Indicator = *f.Indicator
	}
	return pf, nil
}

// panelPage pages a panel table with page(start, end), which returns the
// rows in [start, end) and the total: the page's rows and its bounds.
func panelPage[R any](first *int, after *string, page func(start, end int) ([]R, int, error)) ([]R, int, int, int, error) {
	// The total is known only once the table is read: the window is
	// taken against a bound no table reaches, then cut to the total.
	start, end, err := window(first, after, 1<<40)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	rows, total, err := page(start, end)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	start = min(start, total)
	return rows, start, start + len(rows), total, nil
}

func (r *Resolver) panelTargets(ctx context.Context, f *model.PanelFilter, first *int, after *string) (*model.PanelTargetConnection, error) {
	pf, err := r.panelFilter(ctx, f, true)
	if err != nil {
		return nil, err
	}
	rows, start, end, total, err := panelPage(first, after, func(start, end int) ([]panel.TargetRow, int, error) {
		return panel.TargetPage(ctx, r.Store, pf, start, end)
	})
	if err != nil {
		return nil, err
	}
	conn := &model.PanelTargetConnection{TotalCount: total, PageInfo: pageInfo(start, end, total),
		Edges: make([]*model.PanelTargetEdge, len(rows)), Nodes: make([]*panel.TargetRow, len(rows))}
	for i := range rows {
		conn.Nodes[i] = &rows[i]
		conn.Edges[i] = &model.PanelTargetEdge{Cursor: encodeCursor(start + i), Node: &rows[i]}
	}
	return conn, nil
}

func (r *Resolver) panelEntities(ctx context.Context, f *model.PanelFilter, first *int, after *string) (*model.PanelEntityConnection, error) {
	pf, err := r.panelFilter(ctx, f, false)
	if err != nil {
		return nil, err
	}
	rows, start, end, total, err := panelPage(first, after, func(start, end int) ([]panel.EntityRow, int, error) {
		return panel.EntityPage(ctx, r.Store, pf, start, end)
	})
	if err != nil {
		return nil, err
	}
	conn := &model.PanelEntityConnection{TotalCount: total, PageInfo: pageInfo(start, end, total),
		Edges: make([]*model.PanelEntityEdge, len(rows)), Nodes: make([]*model.PanelEntity, len(rows))}
	es := make([]*kg.Entity, len(rows))
	for i, row := range rows {
		node := &model.PanelEntity{Region: row.Region, Report: row.Report, Entity: model.WrapEntity(row.Entity)}
		conn.Nodes[i] = node
		conn.Edges[i] = &model.PanelEntityEdge{Cursor: encodeCursor(start + i), Node: node}
		es[i] = row.Entity
	}
	// The entities' own fields (region, report, parts) batch like any list's.
	loaders.FromContext(ctx).Expect(es)
	return conn, nil
}
