package memory_test

import (
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return memory.New() })
}
