package statistics

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/reportgraph/reportgraph/kg"
)

// Result is what loading one statistics file did.
type Result struct {
	File     string    // the file's name, the statistics' Source
	Loaded   int       // statistics written
	Problems []Problem // rows left out, in file order
}

// Load reads a statistics file and writes its statistics to s, replacing
// those a file of the same name gave before. Rows Read cannot use are
// Result.Problems; the error is for a file that fails whole or a store
// that fails, and then what s held stays.
func Load(ctx context.Context, s kg.Store, name string, raw []byte) (Result, error) {
	stats, problems, err := Read(ctx, name, raw, StoreRegions(s))
	if err != nil {
		return Result{File: name}, err
	}
	if err := s.PutStatistics(ctx, name, stats); err != nil {
		return Result{File: name}, fmt.Errorf("write the statistics of %s: %w", name, err)
	}
	return Result{File: name, Loaded: len(stats), Problems: problems}, nil
}

// LoadFile is Load for a file on disk, named by its base name (so the
// same file loaded from another directory replaces its statistics); a
// file over MaxFileSize is refused before it is read.
func LoadFile(ctx context.Context, s kg.Store, path string) (Result, error) {
	name := filepath.Base(path)
	info, err := os.Stat(path)
	if err != nil {
		return Result{File: name}, fmt.Errorf("statistics file %s: %w", path, err)
	}
	if info.Size() > MaxFileSize {
		return Result{File: name}, fmt.Errorf("statistics file %s: %w", path,
			kg.Errorf(kg.ETOOLARGE, "%d bytes, over the %d MiB a statistics file may hold", info.Size(), MaxFileSize>>20))
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return Result{File: name}, fmt.Errorf("statistics file %s: %w", path, err)
	}
	res, err := Load(ctx, s, name, raw)
	if err != nil {
		return res, fmt.Errorf("statistics file %s: %w", path, err)
	}
	return res, nil
}

// StoreRegions is RegionExists over a store: one batch lookup.
func StoreRegions(s kg.Store) RegionExists {
	return func(ctx context.Context, ids []string) (map[string]bool, error) {
		out := make(map[string]bool, len(ids))
		if len(ids) == 0 {
			return out, nil
		}
		rs, err := s.Regions(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i, r := range rs {
			out[ids[i]] = r != nil
		}
		return out, nil
	}
}
