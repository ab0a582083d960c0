package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/graph/generated"
	"github.com/reportgraph/reportgraph/graph/loaders"
	"github.com/reportgraph/reportgraph/kg"
)

// Options configures the GraphQL handler's guards. Zero values take the
// defaults below, except Introspection, which is off unless set.
type Options struct {
	Introspection bool
	MaxDepth      int   // default 12
	MaxComplexity int   // default 50000; see complexity.go for per-field costs
	MaxBodyBytes  int64 // default 1 MiB
	// MaxResponseBytes is the largest answer sent; a larger one is
	// replaced by a RESPONSE_TOO_LARGE error. Default 16 MiB.
	MaxResponseBytes int64
	Timeout          time.Duration // per request; default 10s
	// QueryCache holds parsed and validated documents by query text;
	// default a ByteCache of 64 MiB. APQCache maps persisted-query hashes
	// to query text; default a ByteCache of 8 MiB. A cache with a
	// Remove(query) method loses the documents the guards refuse.
	QueryCache graphql.Cache[*ast.QueryDocument]
	APQCache   graphql.Cache[string]
	Logger     *slog.Logger // default slog.Default()
	// Metrics, when set, counts GraphQL errors by code.
	Metrics ErrorCounter
	// LoaderWait is how long dataloaders gather keys that no list
	// expects before one store call; 0 means loaders.DefaultWait.
	LoaderWait time.Duration
	// Regions are the regions the store can hold, which bound what the
	// region lists cost; default the GB/T 2260 table (division.Load).
	Regions []kg.Region
	// Corpus bounds what the report and entity lists cost; set it after
	// each load (MeasureCorpus). Nil, or before the first Set, prices
	// them at fixed estimates.
	Corpus *CorpusLimits
}

func (o Options) withDefaults() Options {
	if o.MaxDepth == 0 {
		o.MaxDepth = 12
	}
	if o.MaxComplexity == 0 {
		o.MaxComplexity = 50000
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.MaxResponseBytes == 0 {
		o.MaxResponseBytes = 16 << 20
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.QueryCache == nil {
		o.QueryCache = NewDocumentCache(64 << 20)
	}
	if o.APQCache == nil {
		o.APQCache = NewQueryTextCache(8 << 20)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Regions == nil {
		// The table is embedded: it fails to parse only in a broken build.
		tree, err := division.Load()
		if err != nil {
			panic(err)
		}
		o.Regions = tree.Regions()
	}
	return o
}

// ErrorCounter counts GraphQL errors by extensions.code, once per code
// per request (transport.Metrics is one).
type ErrorCounter interface {
	GraphQLError(code string)
}

// NewHandler returns the /graphql endpoint over s with every guard in place.
func NewHandler(s kg.Store, o Options) http.Handler {
	o = o.withDefaults()
	cfg := generated.Config{Resolvers: &Resolver{Store: s}}
	setComplexity(&cfg.Complexity, regionBounds(o.Regions), o.Corpus)
	srv := handler.New(generated.NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(getTransport{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(unsupported{}) // last: what no transport above takes
	srv.SetQueryCache(o.QueryCache)
	// "Did you mean …" lists field names: with introspection off it would
	// hand out the schema one typo at a time.
	srv.SetDisableSuggestion(!o.Introspection)
	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	var evict func(string)
	if c, ok := o.QueryCache.(interface{ Remove(string) }); ok {
		evict = c.Remove
	}
	srv.Use(QueryGuard{MaxDepth: o.MaxDepth, Introspection: o.Introspection, Evict: evict})
	srv.Use(InlineDefer{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: o.APQCache})
	srv.Use(&CostLimit{Max: o.MaxComplexity, Evict: evict})
	base := presenter(o.Logger)
	present := base
	if o.Metrics != nil {
		present = func(ctx context.Context, err error) *gqlerror.Error {
			out := base(ctx, err)
			if code := errorCode(out.Extensions); firstOfRequest(ctx, code) {
				o.Metrics.GraphQLError(code)
			}
			return out
		}
	}
	srv.SetErrorPresenter(present)
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		o.Logger.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v), "path", pathOf(ctx))
		return coded("internal server error", CodeInternal)
	})
	return limitBody(o.MaxBodyBytes, limitResponse(o.MaxResponseBytes, withTimeout(o.Timeout, loaders.Middleware(s, o.LoaderWait, srv))))
}

// presenter maps kg error codes to extensions.code and hides the message of
// every error that is not meant for users, logging it instead.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			if safe, ok := transportMessage(gqlErr.Message); ok {
				// gqlgen's transport writes the decoder's error, with Go
				// type names, and the whole body into the message.
				log.WarnContext(ctx, "bad request body", "err", truncate(gqlErr.Message, 300))
				return coded(safe, CodeBadRequest)
			}
			// Parse, validation and guard errors: already written for users.
			// A few of gqlgen's own (APQ hash mismatch, bad extensions) carry
			// no code; every error a client sees gets one.
			if _, ok := gqlErr.Extensions["code"]; !ok {
				if gqlErr.Extensions == nil {
					gqlErr.Extensions = map[string]any{}
				}
				gqlErr.Extensions["code"] = CodeBadRequest
			}
			return gqlErr
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		var ke *kg.Error
		switch {
		case errors.As(err, &ke) && ke.Code != kg.EINTERNAL:
			out.Message = ke.Message
			out.Extensions = map[string]any{"code": publicCode(ke.Code)}
			if ke.Err != nil || ke.Code == kg.EUNAVAIL {
				// The client reads the safe message; the operator needs the cause.
				log.ErrorContext(ctx, "resolver error", "code", ke.Code, "err", ke.Error(), "path", out.Path.String())
			}
		case errors.Is(err, context.DeadlineExceeded):
			out.Message = "request exceeded its time limit"
			out.Extensions = map[string]any{"code": CodeTimeout}
		case errors.Is(err, context.Canceled):
			out.Message = "request canceled"
			out.Extensions = map[string]any{"code": CodeCanceled}
		default:
			log.ErrorContext(ctx, "resolver error", "err", err, "path", out.Path.String())
			out.Message = "internal server error"
			out.Extensions = map[string]any{"code": CodeInternal}
		}
		return out
	}
}

// publicCode maps a kg error code to its GraphQL extensions.code.
func publicCode(code string) string {
	switch code {
	case kg.ENOTFOUND:
		return CodeNotFound
	case kg.EINVALID:
		return CodeBadUserInput
	case kg.ECONFLICT:
		return CodeConflict
	case kg.ETOOLARGE:
		return CodeTooLarge
	case kg.EUNAVAIL:
		return CodeUnavailable
	}
	return CodeInternal
}

func coded(msg, code string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
}

func pathOf(ctx context.Context) string {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		return fc.Path().String()
	}
	return ""
}

// withTimeout bounds every request; resolvers pass the context to the
// store, and the presenter turns the deadline into a TIMEOUT error.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		ctx = context.WithValue(ctx, requestEndKey{}, &requestEnd{})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestEnd records whether a request's end (its deadline, or the client
// leaving) has been counted: every field still running fails with it, and
// one aborted request counted 676 TIMEOUTs.
type requestEnd struct{ counted atomic.Bool }

type requestEndKey struct{}

// firstOfRequest reports whether an error of code should be counted: a
// TIMEOUT or CANCELED once per request, any other code each time.
func firstOfRequest(ctx context.Context, code string) bool {
	if code != CodeTimeout && code != CodeCanceled {
		return true
	}
	end, ok := ctx.Value(requestEndKey{}).(*requestEnd)
	return !ok || end.counted.CompareAndSwap(false, true)
}

// limitResponse holds the answer until it is complete and sends it only
// if it fits in limit bytes; a larger one (99 aliases of regions made
// 28 MB) is replaced by one coded error, and the excess is never kept.
func limitResponse(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &cappedWriter{header: http.Header{}, limit: limit, status: http.StatusOK}
		next.ServeHTTP(cw, r)
		if cw.over {
			writeError(w, http.StatusUnprocessableEntity, coded(fmt.Sprintf(
				"the answer exceeds the limit of %d bytes: page the lists (first, after) or select fewer fields", limit), CodeResponseTooLarge))
			return
		}
		for k, v := range cw.header {
			w.Header()[k] = v
		}
		w.WriteHeader(cw.status)
		_, _ = w.Write(cw.buf.Bytes())
	})
}

// cappedWriter buffers an answer up to limit bytes and notes an overflow.
type cappedWriter struct {
	header http.Header
	buf    bytes.Buffer
	limit  int64
	status int
	over   bool
}

func (c *cappedWriter) Header() http.Header { return c.header }
func (c *cappedWriter) WriteHeader(s int)   { c.status = s }

func (c *cappedWriter) Write(p []byte) (int, error) {
	if c.over || int64(c.buf.Len()+len(p)) > c.limit {
		c.over = true
		c.buf = bytes.Buffer{}
		return len(p), nil // the answer is dropped; the writer must not fail mid-encode
	}
	return c.buf.Write(p)
}

// limitBody reads at most limit bytes of a request body and answers a
// larger one with 413 and a GraphQL error, before any parsing happens.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > limit {
			tooLarge(w, limit)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				tooLarge(w, limit)
				return
			}
			writeError(w, http.StatusBadRequest, coded("could not read request body", CodeBadUserInput))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter, limit int64) {
	writeError(w, http.StatusRequestEntityTooLarge,
		coded(fmt.Sprintf("request body exceeds the limit of %d bytes", limit), CodeRequestTooLarge))
}

// transportMessages are the prefixes of gqlgen transport errors that
// carry internals (a decoder's Go types, the request body), with the
// fixed message a client reads instead.
var transportMessages = []struct{ prefix, safe string }{
	{"json request body could not be decoded", "the request body is not a GraphQL request: a JSON object with query (a string), variables and extensions (objects) and operationName"},
	{"could not read request body", "could not read request body"},
}

func transportMessage(msg string) (string, bool) {
	for _, m := range transportMessages {
		if strings.HasPrefix(msg, m.prefix) {
			return m.safe, true
		}
	}
	return "", false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// getTransport checks what gqlgen's GET transport would answer without a
// code (a malformed query string, variables or extensions that are not
// JSON objects) and answers it coded.
type getTransport struct{ transport.GET }

func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, coded("the query string is not valid URL encoding", CodeBadRequest))
		return
	}
	for _, k := range []string{"variables", "extensions"} {
		var obj map[string]json.RawMessage
		if v := q.Get(k); v != "" && json.Unmarshal([]byte(v), &obj) != nil {
			writeError(w, http.StatusBadRequest, coded(k+" must be a JSON object", CodeBadRequest))
			return
		}
	}
	t.GET.Do(w, r, exec)
}

// unsupported answers a request no other transport takes (a form or an
// application/graphql POST, a PUT) with a coded error saying what is
// accepted; gqlgen's own answer was an uncoded "transport not supported".
type unsupported struct{}

func (unsupported) Supports(*http.Request) bool { return true }

func (unsupported) Do(w http.ResponseWriter, r *http.Request, _ graphql.GraphExecutor) {
	status := http.StatusUnsupportedMediaType
	if r.Method != http.MethodPost {
		status = http.StatusMethodNotAllowed
		w.Header().Set("Allow", "GET, POST, OPTIONS")
	}
	writeError(w, status, coded("send a POST with Content-Type application/json and a body "+
		`{"query": …, "variables": {…}}, or a GET with query and variables parameters`, CodeBadRequest))
}

func writeError(w http.ResponseWriter, status int, e *gqlerror.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(graphql.Response{Errors: gqlerror.List{e}})
}

// errorCode is the extensions.code of a presented error, for counting.
func errorCode(ext map[string]any) string {
	if c, ok := ext["code"].(string); ok && c != "" {
		return strings.ToUpper(c)
	}
	return CodeInternal
}
