package kg

import (
	"context"
	"testing"
)

func TestQuerySemantics(t *testing.T) {
	if err := CheckQuery(context.Background(), -1); ErrorCode(err) != EINVALID {
		t.Errorf("negative limit: %v, want EINVALID", err)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if err := CheckQuery(canceled, 0); err != context.Canceled {
		t.Errorf("canceled: %v", err)
	}
	if got := Limit([]int(nil), 3); got == nil || len(got) != 0 {
		t.Errorf("Limit(nil) = %#v, want an empty list", got)
	}
	if got := Limit([]int{1, 2, 3}, 2); len(got) != 2 {
		t.Errorf("Limit 2 = %v", got)
	}
	if got := Limit([]int{1, 2, 3}, 0); len(got) != 3 {
		t.Errorf("Limit 0 = %v, want all", got)
	}
	if !FilterOf(nil).Accepts("x") || !FilterOf([]string{"a"}).Accepts("a") || FilterOf([]string{"a"}).Accepts("b") {
		t.Error("an empty filter accepts all; a list accepts its members only")
	}
}
