package transport

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestStatusRecorder: the status sent and the bytes written, 200 when the
// handler wrote no header, the first header when it wrote two, and the
// underlying writer for http.ResponseController.
func TestStatusRecorder(t *testing.T) {
	tests := []struct {
		name        string
		handler     func(w http.ResponseWriter)
		code, bytes int
	}{
		{"nothing", func(w http.ResponseWriter) {}, 200, 0},
		{"body only", func(w http.ResponseWriter) { w.Write([]byte("ok\n")) }, 200, 3},
		{"status and body", func(w http.ResponseWriter) { w.WriteHeader(404); w.Write([]byte("x")) }, 404, 1},
		{"two headers", func(w http.ResponseWriter) { w.WriteHeader(503); w.WriteHeader(200) }, 503, 0},
	}
	for _, tt := range tests {
		under := httptest.NewRecorder()
		rec := &StatusRecorder{ResponseWriter: under}
		tt.handler(rec)
		if rec.Code() != tt.code || rec.Bytes != tt.bytes {
			t.Errorf("%s: code %d, bytes %d; want %d, %d", tt.name, rec.Code(), rec.Bytes, tt.code, tt.bytes)
		}
		if under.Code != tt.code {
			t.Errorf("%s: the client got %d, want %d", tt.name, under.Code, tt.code)
		}
		if rec.Unwrap() != http.ResponseWriter(under) {
			t.Errorf("%s: Unwrap does not return the underlying writer", tt.name)
		}
	}
}
