package counted_test

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/counted"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/storetest"
)

// TestSuite holds the decorator to the behavioural suite every store
// passes: counting calls changes no answer, error or cancellation.
func TestSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store {
		return counted.New(memory.New(), func(string) {})
	})
}

// TestEveryMethodCounted calls each method of kg.Store once, with zero
// arguments, and expects its own name counted once: none passes a call on
// uncounted or under another method's name.
func TestEveryMethodCounted(t *testing.T) {
	var mu sync.Mutex
	var got []string
	s := counted.New(memory.New(), func(m string) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m)
	})
	iface := reflect.TypeFor[kg.Store]()
	v := reflect.ValueOf(s)
	for i := range iface.NumMethod() {
		m := iface.Method(i)
		if m.Name == "Close" {
			continue // last, below: the store is used after
		}
		got = got[:0]
		call(t, v.MethodByName(m.Name))
		if !slices.Equal(got, []string{m.Name}) {
			t.Errorf("%s counted %q, want [%s]", m.Name, got, m.Name)
		}
	}
	got = got[:0]
	call(t, v.MethodByName("Close"))
	if !slices.Equal(got, []string{"Close"}) {
		t.Errorf("Close counted %q", got)
	}
}

// call calls fn with a context and the zero value of every other
// parameter; what it returns does not matter here.
func call(t *testing.T, fn reflect.Value) {
	t.Helper()
	ft := fn.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	for i := 1; i < ft.NumIn(); i++ {
		args = append(args, reflect.Zero(ft.In(i)))
	}
	fn.Call(args)
}
