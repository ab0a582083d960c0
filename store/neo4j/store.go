// Package neo4j is the kg.Store on Neo4j 5 (and on Aura or a cluster: the
// driver is routing-aware for neo4j:// and neo4j+s:// URIs).
//
// Exported methods open a managed transaction (ExecuteRead/ExecuteWrite,
// which retry transient failures) and call lowercase (ctx, tx, …) helpers;
// every statement is a constant in queries.go. Filtering beyond the driving
// index, sorting and paging happen in Go so the store answers exactly like
// store/memory, whatever the server's ORDER BY quirks.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/link"
)

// Config says where the database is and how hard to try to reach it.
type Config struct {
	URI      string // bolt://, neo4j://, neo4j+s://, …
	Username string // empty with an empty Password: no authentication
	Password string
	Database string // empty: the server's default database

	// ConnectAttempts bounds the connectivity checks at Open (default 6),
	// spaced by ConnectBackoff doubling each time (default 250ms, so about
	// 8 s in all before Open gives up).
	ConnectAttempts int
	ConnectBackoff  time.Duration
	// BatchSize is the number of rows per UNWIND statement (default 1000).
	BatchSize int
	// RetryTime bounds how long a transaction is retried on transient
	// errors and lost connections before the call fails (default 15s).
	RetryTime time.Duration
	// Reset empties the database at Open, before its schema version is
	// checked: the way to reload a database written in another shape.
	Reset bool
}

// SchemaVersion is the shape of the graph this store writes and reads,
// kept in the database on a (:SchemaVersion {name: 'reportgraph'}) node.
// 6: entities are NAMED by shared (:Name {key}) nodes, the forms they are
// known by across reports (link.Names; migrated in place).
// 5: Entity.searchText is in kg.SearchForm (quotation marks left out,
// full-width Latin folded), so 三北工程 finds “三北”工程 (migrated in place).
// 4: the full-text index entity_search covers regionId beside searchText,
// so a search within a region subtree is narrowed inside Lucene (migrated
// in place from 3 at Open: see migrations).
// 3: reports carry their counts by kind (programCount, …, resultCount).
// 2: every reference a relationship, evidence as plain list properties
// (1, never recorded: references as id properties only, evidence as JSON).
const SchemaVersion = 6

// displayURI is the URI for messages and logs: a password written into it
// (bolt://user:secret@host) is masked.
func (c Config) displayURI() string {
	u, err := url.Parse(c.URI)
	if err != nil {
		return "(an unparsable URI)"
	}
	return u.Redacted()
}

func (c Config) withDefaults() Config {
	if c.ConnectAttempts <= 0 {
		c.ConnectAttempts = 6
	}
	if c.ConnectBackoff <= 0 {
		c.ConnectBackoff = 250 * time.Millisecond
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 1000
	}
	if c.RetryTime <= 0 {
		c.RetryTime = 15 * time.Second
	}
	return c
}

// Store is a kg.Store backed by Neo4j.
type Store struct {
	driver driver.DriverWithContext
	cfg    Config
}

var _ kg.Store = (*Store)(nil)

// Open connects to the database, retrying with exponential backoff while it
// is unreachable, and creates the constraints and indexes the store needs.
// It fails with a kg.EUNAVAIL error once the attempts are spent.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	if cfg.URI == "" {
		return nil, kg.Errorf(kg.EINVALID, "neo4j: empty URI")
	}
	auth := driver.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxTransactionRetryTime = cfg.RetryTime
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, kg.Errorf(kg.EINVALID, "neo4j: %v", err)
	}
	s := &Store{driver: d, cfg: cfg}
	if err := s.connect(ctx); err != nil {
		_ = d.Close(ctx)
		return nil, err
	}
	if err := s.ensureSchema(ctx); err != nil {
		_ = d.Close(ctx)
		return nil, err
	}
	if cfg.Reset {
		if err := s.DeleteAll(ctx); err != nil {
			_ = d.Close(ctx)
			return nil, err
		}
	}
	if err := s.checkSchemaVersion(ctx); err != nil {
		_ = d.Close(ctx)
		return nil, err
	}
	return s, nil
}

// checkSchemaVersion refuses a database written in another shape: reading
// it would answer wrongly rather than fail. A version that a migration
// covers is brought up to date in place; an empty database is stamped with
// SchemaVersion.
func (s *Store) checkSchemaVersion(ctx context.Context) error {
	reload := "reload the reports into it with `reportgraph load -reset FILE|DIR…` (which empties it first)"
	v, err := read(ctx, s, "read schema version", func(ctx context.Context, tx driver.ManagedTransaction) (int, error) {
		recs, err := collect(ctx, tx, qSchemaVersion, nil)
		if err != nil || len(recs) == 0 {
			return 0, err
		}
		return int(num(recs[0].AsMap(), "version")), nil
	})
	if err != nil {
		return err
	}
	for v != SchemaVersion && migrations[v] != nil {
		if err := migrations[v](ctx, s); err != nil {
			return fmt.Errorf("neo4j at %s: migrate schema version %d to %d: %w", s.cfg.displayURI(), v, v+1, err)
		}
		v++
	}
	if v == SchemaVersion {
		return nil
	}
	if v != 0 {
		return kg.Errorf(kg.ECONFLICT, "neo4j at %s holds reportgraph schema version %d, this binary uses version %d: %s",
			s.cfg.displayURI(), v, SchemaVersion, reload)
	}
	return s.write(ctx, "stamp schema version", func(ctx context.Context, tx driver.ManagedTransaction) error {
		recs, err := collect(ctx, tx, qAnyStoreNode, nil)
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			return kg.Errorf(kg.ECONFLICT, "neo4j at %s holds reportgraph data of an older shape (no schema version), this binary uses version %d: %s",
				s.cfg.displayURI(), SchemaVersion, reload)
		}
		return run(ctx, tx, qSetSchemaVersion, map[string]any{"version": int64(SchemaVersion)})
	})
}

// migrations[v] turns a database of schema version v into v+1 in place.
// A migration only changes what is derived from the data (an index, the
// search text), so it is safe to repeat if cut off: the version is
// written last.
var migrations = map[int]func(context.Context, *Store) error{
	// 3 → 4 changed only entity_search's definition, which ensureSchema
	// has already rebuilt by now; 4 → 5 the form of searchText.
	3: func(ctx context.Context, s *Store) error { return s.setSchemaVersion(ctx, 4) },
	4: func(ctx context.Context, s *Store) error {
		if err := s.recomputeSearchText(ctx); err != nil {
			return err
		}
		return s.setSchemaVersion(ctx, 5)
	},
	5: func(ctx context.Context, s *Store) error {
		if err := s.rewriteEntities(ctx, "name entities", nameRows); err != nil {
			return err
		}
		return s.setSchemaVersion(ctx, 6)
	},
}

// nameRows gives the names of ents (link.Names, as the loader now sets
// them) as the statements writing them expect.
func nameRows(ents []*kg.Entity) []rewrite {
	var props, names []any
	for _, e := range ents {
		ns := link.Names(e)
		keys, rules := nameColumns(ns)
		props = append(props, map[string]any{"id": e.ID, "keys": keys, "rules": rules})
		for _, n := range ns {
			names = append(names, map[string]any{"id": e.ID, "key": n.Key, "rule": string(n.Rule)})
		}
	}
	return []rewrite{{qSetNameProps, props}, {qMergeNames, names}}
}

// rewrite is one statement of a migration and its rows.
type rewrite struct {
	q    string
	rows []any
}

func (s *Store) setSchemaVersion(ctx context.Context, v int) error {
	return s.write(ctx, "set schema version", func(ctx context.Context, tx driver.ManagedTransaction) error {
		return run(ctx, tx, qSetSchemaVersion, map[string]any{"version": int64(v)})
	})
}

// searchTextBatch is how many entities a migration rewrites per transaction.
const searchTextBatch = 5000

// recomputeSearchText rewrites every entity's searchText from its fields.
func (s *Store) recomputeSearchText(ctx context.Context) error {
	return s.rewriteEntities(ctx, "rewrite search text", func(ents []*kg.Entity) []rewrite {
		rows := make([]any, len(ents))
		for i, e := range ents {
			rows[i] = map[string]any{"id": e.ID, "text": searchText(e)}
		}
		return []rewrite{{qSetSearchText, rows}}
	})
}

// rewriteEntities runs the statements rows gives for every entity, in
// batches by id; repeating it is harmless (the statements SET and MERGE),
// so a cut migration is finished by the next Open.
func (s *Store) rewriteEntities(ctx context.Context, op string, rows func([]*kg.Entity) []rewrite) error {
	after := ""
	for {
		ents, err := nodes(ctx, s, "read entities", qEntitiesAfter, map[string]any{"after": after, "limit": int64(searchTextBatch)}, decodeEntity)
		if err != nil {
			return err
		}
		if len(ents) == 0 {
			return nil
		}
		writes := rows(ents)
		if err := s.write(ctx, op, func(ctx context.Context, tx driver.ManagedTransaction) error {
			for _, w := range writes {
				if err := s.unwind(ctx, tx, w.q, w.rows); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		after = ents[len(ents)-1].ID
	}
}

// connect waits for the server with bounded retries: at start-up the
// database (a compose service, a cluster member) may still be booting.
func (s *Store) connect(ctx context.Context) error {
	wait := s.cfg.ConnectBackoff
	var err error
	for attempt := 1; attempt <= s.cfg.ConnectAttempts; attempt++ {
		if err = s.driver.VerifyConnectivity(ctx); err == nil {
			return nil
		}
		if isAuthError(err) {
			return kg.Wrap(kg.EUNAVAIL, "neo4j at "+s.cfg.displayURI()+": authentication failed", err)
		}
		if attempt == s.cfg.ConnectAttempts {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("neo4j at %s: %w (last error: %v)", s.cfg.displayURI(), ctx.Err(), err)
		case <-time.After(wait):
		}
		wait *= 2
	}
	return kg.Wrap(kg.EUNAVAIL, fmt.Sprintf("neo4j at %s unreachable after %d attempts", s.cfg.displayURI(), s.cfg.ConnectAttempts), err)
}

func (s *Store) ensureSchema(ctx context.Context) error {
	if err := s.dropChangedIndexes(ctx); err != nil {
		return err
	}
	for _, q := range schemaStatements {
		if err := s.schemaStatement(ctx, q, nil); err != nil {
			return err
		}
	}
	return s.awaitIndexes(ctx)
}

// dropChangedIndexes drops a full-text index whose properties differ from
// fullTextIndexes, so the schema statements create it anew: CREATE … IF NOT
// EXISTS keeps an index by name whatever its definition, and a database
// written by an older binary (or emptied by load -reset) would otherwise
// keep the old one.
func (s *Store) dropChangedIndexes(ctx context.Context) error {
	res, err := driver.ExecuteQuery(ctx, s.driver, qFullTextIndexes, nil, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		return mapError("read index definitions", err)
	}
	for _, rec := range res.Records {
		m := rec.AsMap()
		name, _ := m["name"].(string)
		want, ok := fullTextIndexes[name]
		if !ok || slices.Equal(strs(m, "properties"), want) {
			continue
		}
		if err := s.schemaStatement(ctx, qDropIndex, map[string]any{"name": name}); err != nil {
			return err
		}
	}
	return nil
}

// awaitIndexes waits until every index is ONLINE. A new index is
// POPULATING for a while on a database holding data, and a full-text query
// on it fails until it is ONLINE: waiting at Open means the first request
// cannot meet that.
func (s *Store) awaitIndexes(ctx context.Context) error {
	if err := s.schemaStatement(ctx, qAwaitIndexes, map[string]any{"seconds": int64(indexWait.Seconds())}); err != nil {
		return fmt.Errorf("wait for indexes: %w", err)
	}
	return nil
}

// schemaStatement runs a schema command in its own transaction: Neo4j
// does not mix schema and data changes in one.
func (s *Store) schemaStatement(ctx context.Context, q string, params map[string]any) error {
	_, err := driver.ExecuteQuery(ctx, s.driver, q, params, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(s.cfg.Database))
	return mapError("create schema", err)
}

// indexWait bounds how long Open waits for indexes to come online: a
// full-text index over millions of entities takes minutes to populate.
const indexWait = 10 * time.Minute

// Close closes the driver and with it every pooled connection.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return fmt.Errorf("close neo4j driver: %w", err)
	}
	return nil
}

// Ping checks that the database answers; servers use it for readiness.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err // the driver may report a canceled dial as a connectivity error
	}
	return mapError("ping", s.driver.VerifyConnectivity(ctx))
}

// DeleteAll empties the database (every node and relationship, not only the
// store's labels) and stamps it with SchemaVersion. Tests and `load -reset`
// use it.
func (s *Store) DeleteAll(ctx context.Context) error {
	sess := s.session(ctx, driver.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, qDeleteAll, nil) // auto-commit: CALL … IN TRANSACTIONS needs it
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return mapError("delete all", err)
	}
	return s.write(ctx, "stamp schema version", func(ctx context.Context, tx driver.ManagedTransaction) error {
		return run(ctx, tx, qSetSchemaVersion, map[string]any{"version": int64(SchemaVersion)})
	})
}

func (s *Store) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return s.driver.NewSession(ctx, driver.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database})
}

// write runs work in a managed write transaction. Neo4j serialises
// concurrent MERGEs on a uniquely constrained key, so a write does not fail
// on the constraint merely because another one ran at the same time; the
// driver retries transient failures.
func (s *Store) write(ctx context.Context, op string, work func(context.Context, driver.ManagedTransaction) error) error {
	sess := s.session(ctx, driver.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		return nil, work(ctx, tx)
	})
	return mapError(op, err)
}

// read runs work in a managed read transaction (routed to a reader in a
// cluster).
func read[T any](ctx context.Context, s *Store, op string, work func(context.Context, driver.ManagedTransaction) (T, error)) (T, error) {
	sess := s.session(ctx, driver.AccessModeRead)
	defer sess.Close(ctx)
	v, err := driver.ExecuteRead(ctx, sess, func(tx driver.ManagedTransaction) (T, error) {
		return work(ctx, tx)
	})
	return v, mapError(op, err)
}

// observerKey is the context key of a statement observer.
type observerKey struct{}

// WithStatementObserver returns ctx carrying observe, which the store calls
// with every statement it runs under ctx, and its parameters, before
// running it. Tests use it to PROFILE what a request costs the database;
// it can also trace a request's statements. observe must not keep params
// beyond the call if it modifies them.
func WithStatementObserver(ctx context.Context, observe func(query string, params map[string]any)) context.Context {
	return context.WithValue(ctx, observerKey{}, observe)
}

func observeStatement(ctx context.Context, q string, params map[string]any) {
	if observe, ok := ctx.Value(observerKey{}).(func(string, map[string]any)); ok {
		observe(q, params)
	}
}

// run executes a statement and drains its result.
func run(ctx context.Context, tx driver.ManagedTransaction, q string, params map[string]any) error {
	observeStatement(ctx, q, params)
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// collect executes a statement and returns its records.
func collect(ctx context.Context, tx driver.ManagedTransaction, q string, params map[string]any) ([]*driver.Record, error) {
	observeStatement(ctx, q, params)
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// mapError turns driver errors into kg codes: constraint violations are
// conflicts, an unreachable or overloaded server is unavailable, anything
// else is internal (a bug in a statement). kg errors pass through.
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var ke *kg.Error
	switch {
	case errors.As(err, &ke):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("neo4j %s: %w", op, err)
	// The driver's text (server addresses, driver type names) goes into the
	// cause, which logs and the command line show, never into the message
	// an API client reads.
	case isConstraintError(err):
		return fmt.Errorf("neo4j %s: %w", op, kg.Wrap(kg.ECONFLICT, "conflicting write to the graph database", err))
	case isAuthError(err):
		return fmt.Errorf("neo4j %s: %w", op, kg.Wrap(kg.EUNAVAIL, "the graph database refused the credentials", err))
	case driver.IsConnectivityError(err), driver.IsRetryable(err), isTransient(err):
		return fmt.Errorf("neo4j %s: %w", op, kg.Wrap(kg.EUNAVAIL, "the graph database is unavailable", err))
	}
	return fmt.Errorf("neo4j %s: %w", op, err)
}

func neo4jCode(err error) string {
	var ne *driver.Neo4jError
	if errors.As(err, &ne) {
		return ne.Code
	}
	return ""
}

func isConstraintError(err error) bool {
	return strings.HasSuffix(neo4jCode(err), ".ConstraintValidationFailed")
}

func isAuthError(err error) bool {
	var ae *driver.InvalidAuthenticationError
	return errors.As(err, &ae) || strings.HasPrefix(neo4jCode(err), "Neo.ClientError.Security.")
}

func isTransient(err error) bool {
	var limit *driver.TransactionExecutionLimit
	return strings.HasPrefix(neo4jCode(err), "Neo.TransientError.") || errors.As(err, &limit)
}
