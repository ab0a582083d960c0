// Lints Cypher statements with Neo4j's own language support (the parser and
// semantic analysis the Neo4j tools use), offline.
//
// stdin:  {"schema": {labels, relationshipTypes, propertyKeys}, "queries": {"name": "cypher", ...}}
// stdout: {"name": [{"severity": "error"|"warning"|..., "message", "line", "character"}], ...}
// Exit status 0 when the input was processed; the caller decides what fails.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const severities = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const input = JSON.parse(await readStdin());
const out = {};
for (const [name, query] of Object.entries(input.queries)) {
  const { diagnostics } = lintCypherQuery(query, input.schema ?? {});
  out[name] = diagnostics.map((d) => ({
    severity: severities[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    character: d.range.start.character + 1,
  }));
}
process.stdout.write(JSON.stringify(out));
