package kg

import "context"

// The semantics every Store's finders share, written once so the stores
// cannot drift: a negative limit is invalid, 0 means none, an empty result
// is an empty list, and an empty filter list does not filter.

// CheckQuery validates a finder's call: ctx still live, limit not
// negative (EINVALID).
func CheckQuery(ctx context.Context, limit int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if limit < 0 {
		return Errorf(EINVALID, "negative limit %d", limit)
	}
	return nil
}

// Limit cuts xs to n items (0: no limit); it never returns nil, so an
// empty result is an empty list.
func Limit[T any](xs []T, n int) []T {
	if xs == nil {
		return []T{}
	}
	if n > 0 && len(xs) > n {
		return xs[:n]
	}
	return xs
}

// Filter is a filter's list of accepted values as a set; the zero Filter
// (from an empty list) accepts everything.
type Filter map[string]bool

// FilterOf returns the filter accepting exactly xs, or everything when xs
// is empty.
func FilterOf(xs []string) Filter {
	if len(xs) == 0 {
		return nil
	}
	m := make(Filter, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// Accepts reports whether f lets x through.
func (f Filter) Accepts(x string) bool { return f == nil || f[x] }
