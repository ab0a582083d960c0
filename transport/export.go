package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/panel"
)

// panelTable is one of the panel tables served under /export/.
type panelTable struct {
	name  string // file name: targets.csv
	write func(ctx context.Context, s kg.Store, f panel.Filter, w io.Writer) (int, error)
}

var panelTables = []panelTable{
	{"targets.csv", panel.WriteTargets},
	{"entities.csv", panel.WriteEntities},
}

// exportHandler serves a panel table as a download, streamed as it is
// written. The query string filters it: region (a full or short name; the
// nation when absent) and its subtree, level, from and to (years,
// inclusive), year (both at once) and, for targets.csv, indicator. A bad
// parameter is 400 and an unknown region or indicator 404, each with one
// line naming it; a failure once rows are sent cuts the connection, so a
// client never takes a truncated table for a whole one.
func exportHandler(s kg.Store, log *slog.Logger, t panelTable) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := panelFilter(r.Context(), s, r.URL.Query(), t.name == "targets.csv")
		if err != nil {
			exportError(w, log, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+t.name+`"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		sw := &sentWriter{w: w}
		n, err := t.write(r.Context(), s, f, sw)
		if err == nil {
			return
		}
		if !sw.sent {
			exportError(w, log, r, err)
			return
		}
		log.Warn("export cut short", "path", r.URL.Path, "rows", n, "err", err)
		panic(http.ErrAbortHandler) // the client sees a broken transfer, not a short table
	}
}

// sentWriter notes whether anything reached the response.
type sentWriter struct {
	w    io.Writer
	sent bool
}

func (s *sentWriter) Write(p []byte) (int, error) {
	s.sent = true
	return s.w.Write(p)
}

// exportError answers a failed export before any row was sent. The text
// of store errors stays in the log, as on /graphql.
func exportError(w http.ResponseWriter, log *slog.Logger, r *http.Request, err error) {
	code := http.StatusInternalServerError
	msg := "export failed"
	switch kg.ErrorCode(err) {
	case kg.EINVALID:
		code, msg = http.StatusBadRequest, kg.ErrorMessage(err)
	case kg.ENOTFOUND:
		code, msg = http.StatusNotFound, kg.ErrorMessage(err)
	default:
		switch {
		case errors.Is(err, context.Canceled):
			return // the client left
		case errors.Is(err, context.DeadlineExceeded):
			code, msg = http.StatusServiceUnavailable, "export timed out"
		}
		log.Error("export failed", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}

// panelFilter reads the query string into a filter; withIndicator allows
// the indicator parameter.
func panelFilter(ctx context.Context, s kg.Store, q url.Values, withIndicator bool) (panel.Filter, error) {
	known := map[string]bool{"region": true, "level": true, "from": true, "to": true, "year": true, "indicator": withIndicator}
	for k, v := range q {
		if !known[k] {
			return panel.Filter{}, kg.Errorf(kg.EINVALID, "unknown parameter %q (use region, level, from, to, year%s)", k, map[bool]string{true: ", indicator"}[withIndicator])
		}
		if len(v) > 1 {
			return panel.Filter{}, kg.Errorf(kg.EINVALID, "parameter %q given %d times", k, len(v))
		}
	}
	var f panel.Filter
	var err error
	if f.YearFrom, err = yearParam(q, "from"); err != nil {
		return f, err
	}
	if f.YearTo, err = yearParam(q, "to"); err != nil {
		return f, err
	}
	if q.Has("year") {
		if f.YearFrom != nil || f.YearTo != nil {
			return f, kg.Errorf(kg.EINVALID, "give year or from/to, not both")
		}
		if f.YearFrom, err = yearParam(q, "year"); err != nil {
			return f, err
		}
		f.YearTo = f.YearFrom
	}
	if q.Has("level") {
		l := kg.RegionLevel(q.Get("level"))
		if !l.Valid() {
			return f, kg.Errorf(kg.EINVALID, "level %q is not one of NATIONAL, PROVINCIAL, PREFECTURAL, COUNTY", q.Get("level"))
		}
		f.Level = &l
	}
	f.Indicator = q.Get("indicator")
	if q.Has("indicator") && f.Indicator == "" {
		return f, kg.Errorf(kg.EINVALID, "indicator is empty")
	}
	var name *string
	if q.Has("region") {
		r := q.Get("region")
		name = &r
	}
	root, err := analysis.RegionOrRoot(ctx, s, name)
	if err != nil {
		return f, err
	}
	f.Regions, err = analysis.Subtree(ctx, s, root)
	return f, err
}

// yearParam reads a year, nil when absent.
func yearParam(q url.Values, name string) (*int, error) {
	if !q.Has(name) {
		return nil, nil
	}
	y, err := strconv.Atoi(q.Get(name))
	if err != nil || y < 1949 || y > 2200 {
		return nil, kg.Errorf(kg.EINVALID, "%s %q is not a year", name, q.Get(name))
	}
	return &y, nil
}
