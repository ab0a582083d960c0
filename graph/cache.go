package graph

import (
	linkedlist "container/list"
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// ByteCache is an LRU cache bounded by what its entries cost in bytes,
// not by their number: gqlgen's own LRU counts entries, so a thousand
// distinct 1 MB queries could hold tens of GB of parsed documents. An
// entry costing more than a quarter of the budget is not kept at all.
// Remove lets the guards drop a document they refused: a query rejected
// once is not worth its memory.
type ByteCache[T any] struct {
	mu     sync.Mutex
	budget int
	used   int
	cost   func(key string, value T) int
	order  *linkedlist.List // front: most recently used
	items  map[string]*linkedlist.Element
}

type cacheEntry[T any] struct {
	key   string
	value T
	cost  int
}

var (
	_ graphql.Cache[*ast.QueryDocument] = (*ByteCache[*ast.QueryDocument])(nil)
	_ graphql.Cache[string]             = (*ByteCache[string])(nil)
)

// documentBytesPerQueryByte is what a parsed and validated document costs
// per byte of its query text (measured: 60 distinct 1 MB queries grew the
// heap by about 2 GB, some 35 bytes a byte).
const documentBytesPerQueryByte = 40

// NewDocumentCache bounds parsed documents to about budget bytes.
func NewDocumentCache(budget int) *ByteCache[*ast.QueryDocument] {
	return newByteCache(budget, func(key string, _ *ast.QueryDocument) int {
		return len(key) * documentBytesPerQueryByte
	})
}

// NewQueryTextCache bounds persisted-query texts (APQ) to budget bytes.
func NewQueryTextCache(budget int) *ByteCache[string] {
	return newByteCache(budget, func(key, value string) int { return len(key) + len(value) })
}

func newByteCache[T any](budget int, cost func(string, T) int) *ByteCache[T] {
	return &ByteCache[T]{budget: budget, cost: cost, order: linkedlist.New(), items: map[string]*linkedlist.Element{}}
}

// Get returns the value cached under key, marking it recently used.
func (c *ByteCache[T]) Get(_ context.Context, key string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		var zero T
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry[T]).value, true
}

// Add caches value under key, evicting the least recently used entries
// until the budget holds it; an entry too large for the cache is dropped.
func (c *ByteCache[T]) Add(_ context.Context, key string, value T) {
	cost := c.cost(key, value)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(key)
	if cost > c.budget/4 {
		return
	}
	for c.used+cost > c.budget && c.order.Len() > 0 {
		c.remove(c.order.Back().Value.(*cacheEntry[T]).key)
	}
	c.items[key] = c.order.PushFront(&cacheEntry[T]{key: key, value: value, cost: cost})
	c.used += cost
}

// Remove drops key's entry, if any.
func (c *ByteCache[T]) Remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(key)
}

func (c *ByteCache[T]) remove(key string) {
	el, ok := c.items[key]
	if !ok {
		return
	}
	c.order.Remove(el)
	delete(c.items, key)
	c.used -= el.Value.(*cacheEntry[T]).cost
}

// Used returns the bytes the cached entries cost and their number.
func (c *ByteCache[T]) Used() (bytes, entries int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, len(c.items)
}
