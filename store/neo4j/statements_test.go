package neo4j

// Statements exposes every Cypher statement of the store to the external
// test package, which checks each against the real server.
var Statements = statements
