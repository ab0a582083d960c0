package transport

import "net/http"

// StatusRecorder remembers the status code and size of a response, for
// the metrics here and the request log: the one recorder both wrap a
// response in.
type StatusRecorder struct {
	http.ResponseWriter
	Status int // 0 until the handler writes
	Bytes  int
}

func (r *StatusRecorder) WriteHeader(code int) {
	if r.Status == 0 {
		r.Status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *StatusRecorder) Write(b []byte) (int, error) {
	if r.Status == 0 {
		r.Status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.Bytes += n
	return n, err
}

// Code is the status sent: 200 when the handler wrote nothing.
func (r *StatusRecorder) Code() int {
	if r.Status == 0 {
		return http.StatusOK
	}
	return r.Status
}

func (r *StatusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
