// Package ctxtest gives tests a context canceled at a known point: after
// its Err has been asked a number of times, with no timing involved.
package ctxtest

import "context"

// countdown's Err turns to context.Canceled after n calls.
type countdown struct {
	context.Context
	n int
}

// Countdown returns a context whose Err returns nil n times, then
// context.Canceled. Only code that asks Err itself sees the cancellation
// (Done never closes): pass it to the function under test directly.
func Countdown(n int) context.Context {
	return &countdown{Context: context.Background(), n: n}
}

func (c *countdown) Err() error {
	if c.n <= 0 {
		return context.Canceled
	}
	c.n--
	return nil
}
