package synthcorpus

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"time"
)

// FS returns the corpus as a flat file system (the samples too with
// WithSamples), as ingest.Ingester.LoadFS reads it. Each file is generated
// when opened, so serving 5,000 reports never holds 5,000 files' text.
func (c *Corpus) FS() fs.FS {
	byName := make(map[string]int, len(c.specs)+len(c.samples))
	var names []string
	if c.opts.WithSamples {
		for i, s := range c.samples {
			byName[s.name] = -1 - i
			names = append(names, s.name)
		}
	}
	for i, sp := range c.specs {
		byName[sp.Name] = i
		names = append(names, sp.Name)
	}
	sort.Strings(names)
	return &corpusFS{c: c, byName: byName, names: names}
}

// corpusFS maps a name to a synthetic index (≥ 0) or a sample (-1-i).
type corpusFS struct {
	c      *Corpus
	byName map[string]int
	names  []string
}

func (f *corpusFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &dirFile{fsys: f}, nil
	}
	data, err := f.read(name)
	if err != nil {
		return nil, err
	}
	return &memFile{name: name, Reader: bytes.NewReader(data), size: int64(len(data))}, nil
}

func (f *corpusFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	return f.read(name)
}

func (f *corpusFS) read(name string) ([]byte, error) {
	i, ok := f.byName[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if i < 0 {
		return bytes.Clone(f.c.samples[-1-i].raw), nil
	}
	file, err := f.c.File(i)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("generate: %w", err)}
	}
	return file.Data, nil
}

// ReadDir lists the root without generating anything.
func (f *corpusFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, len(f.names))
	for i, n := range f.names {
		out[i] = dirEntry{fsys: f, name: n}
	}
	return out, nil
}

// dirEntry is a listed file; its size is known only once generated, so
// Info generates it (as os.DirEntry.Info pays a stat).
type dirEntry struct {
	fsys *corpusFS
	name string
}

func (e dirEntry) Name() string      { return e.name }
func (e dirEntry) IsDir() bool       { return false }
func (e dirEntry) Type() fs.FileMode { return 0 }
func (e dirEntry) Info() (fs.FileInfo, error) {
	data, err := e.fsys.read(e.name)
	if err != nil {
		return nil, err
	}
	return fileInfo{name: e.name, size: int64(len(data))}, nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (fi fileInfo) Name() string { return fi.name }
func (fi fileInfo) Size() int64  { return fi.size }
func (fi fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.dir }
func (fi fileInfo) Sys() any           { return nil }

type memFile struct {
	name string
	*bytes.Reader
	size int64
}

func (m *memFile) Stat() (fs.FileInfo, error) { return fileInfo{name: m.name, size: m.size}, nil }
func (m *memFile) Close() error               { return nil }

// dirFile is the opened root, listed in name order.
type dirFile struct {
	fsys *corpusFS
	next int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return fileInfo{name: ".", dir: true}, nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}
func (d *dirFile) Close() error { return nil }

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	all, _ := d.fsys.ReadDir(".")
	rest := all[d.next:]
	if n <= 0 {
		d.next = len(all)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.next += len(rest)
	return rest, nil
}
