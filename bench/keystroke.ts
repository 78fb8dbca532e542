// Keystroke-to-diagnostics latency through the real language server, in-process. Not a test:
// `npm run bench:keystroke [-- --lines 30000 --edits 200]`.
//
// A generated OpenSSL-style C file (default 30,000 lines) is opened; then one character at a time is typed into
// a comment in the middle of it, first between two functions, then inside a function body (which makes that
// function's analysis run again). Each keystroke is a ranged textDocument/didChange followed at once by the
// textDocument/diagnostic pull VS Code sends; the time from sending the change to receiving the full report is
// the latency. Next to it: the incremental reparse of the same edit alone (tree.edit + parse with the old tree),
// the floor any analysis adds to, and a from-scratch parse and lint of the whole file for scale.
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import { createServer } from '../server/src/lsp/connection';
import { lint } from '../server/src/engine/lint';
import { logger } from '../server/src/logger';
import { initParsing, parse } from '../server/src/parsing/parser';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]!.replace(/_/g, '')) : fallback;
}

const LINES = option('lines', 30_000);
const EDITS = option('edits', 200);
const MARKER = '/* typed here: */';
/** The second series types into a comment inside a function body: that function is analysed again each time. */
const BODY_MARKER = '/* typed in a body: */';

/** Function bodies in the style of OpenSSL client code, some leaking, so the rules have work to do. */
function functionText(i: number): string {
  const leak = i % 3 === 0;
  return `
static int load_${i}(const char *path, const char *host)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    BIO *bio = NULL;
    char *name = NULL;
    if (ctx == NULL)
        return -1;
    if (SSL_CTX_load_verify_locations(ctx, path, NULL) != 1)
        goto err;
    bio = BIO_new_ssl_connect(ctx);
    if (bio == NULL)
        goto err;
    name = strdup(host);
    if (name == NULL)
        goto err;
    if (BIO_do_connect(bio) <= 0)
        ${leak ? 'return -2;' : 'goto err;'}
    free(name);
    BIO_free_all(bio);
    SSL_CTX_free(ctx);
    return 0;
err:
    free(name);
    BIO_free_all(bio);
    SSL_CTX_free(ctx);
    return -1;
}
`;
}

function generate(lines: number): string {
  const parts = ['#include <stdlib.h>\n#include <string.h>\n#include <openssl/ssl.h>\n#include <openssl/bio.h>\n'];
  let count = 4;
  let i = 0;
  let markerPlaced = false;
  while (count < lines) {
    if (!markerPlaced && count >= lines / 2) {
      parts.push(`${MARKER}\n`);
      count++;
      markerPlaced = true;
    }
    let f = functionText(i++);
    if (markerPlaced && !parts.some((p) => p.includes(BODY_MARKER))) f = f.replace('    if (ctx == NULL)', `    ${BODY_MARKER}\n    if (ctx == NULL)`);
    parts.push(f);
    count += f.split('\n').length - 1;
  }
  return parts.join('');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms   p95 ${percentile(s, 95).toFixed(2)} ms   max ${s[s.length - 1]!.toFixed(2)} ms`;
}

async function main(): Promise<void> {
  await initParsing();
  logger.setLevel('error');
  const text = generate(LINES);
  const lineCount = text.split('\n').length - 1;
  const uri = 'file:///bench/keystroke.c';

  // The server on one end of two in-process streams, a JSON-RPC client (standing in for VS Code) on the other.
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  createServer(serverConnection);
  serverConnection.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ logLevel: 'error' })));
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.listen();
  await rpc.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
  await rpc.sendNotification('initialized', {});

  const pull = async (): Promise<Diagnostic[]> => {
    const report = (await rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    if (report.kind !== 'full') throw new Error('expected a full report');
    return report.items;
  };

  let t = performance.now();
  await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
  const first = await pull();
  const openMs = performance.now() - t;

  t = performance.now();
  const fresh = parse('c', text);
  const fullParseMs = performance.now() - t;
  fresh.delete();
  t = performance.now();
  lint({ path: uri, text, language: 'c' });
  const fullLintMs = performance.now() - t;

  // The same edits replayed on a separate document and tree, timing the incremental reparse alone.
  let mirror = TextDocument.create(uri, 'c', 1, text);
  let tree: Tree = parse('c', text);
  let version = 1;
  let findings = first.length;
  /** Types EDITS characters into the comment that ends with `marker`, one keystroke at a time. */
  const typeInto = async (marker: string) => {
    const markerOffset = mirror.getText().indexOf(marker) + marker.length - 3; // inside the comment, before " */"
    const latency: number[] = [];
    const reparse: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const offset = markerOffset + i;
      const at = mirror.positionAt(offset);
      const ch = String.fromCharCode(97 + (i % 26));
      const change = { range: { start: at, end: at }, text: ch };
      version++;

      let t = performance.now();
      void rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      findings = (await pull()).length;
      latency.push(performance.now() - t);

      const position = { row: at.line, column: at.character };
      t = performance.now();
      tree.edit({
        startIndex: offset,
        oldEndIndex: offset,
        newEndIndex: offset + 1,
        startPosition: position,
        oldEndPosition: position,
        newEndPosition: { row: at.line, column: at.character + 1 },
      });
      mirror = TextDocument.update(mirror, [change], version);
      const next = parse('c', mirror.getText(), tree);
      reparse.push(performance.now() - t);
      tree.delete();
      tree = next;
    }
    if (findings !== first.length) throw new Error(`typing into a comment changed the findings (${first.length} → ${findings})`);
    return { line: mirror.positionAt(markerOffset).line + 1, latency, reparse };
  };
  const between = await typeInto(MARKER);
  const inside = await typeInto(BODY_MARKER);
  tree.delete();

  const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  console.log(`keystroke benchmark: ${lineCount} lines of C, ${(text.length / 1024).toFixed(0)} KiB, ${first.length} findings, ${EDITS} keystrokes per series`);
  console.log(`  open (didOpen → first diagnostics)     ${openMs.toFixed(1)} ms`);
  console.log(`  full parse / full lint (for scale)     ${fullParseMs.toFixed(1)} ms / ${fullLintMs.toFixed(1)} ms`);
  for (const [label, series] of [
    [`between functions (line ${between.line})`, between],
    [`inside a function body (line ${inside.line})`, inside],
  ] as const) {
    console.log(`  typing ${label}:`);
    console.log(`    keystroke → diagnostics (LSP)        ${summary(series.latency)}`);
    console.log(`    incremental reparse of the same edit ${summary(series.reparse)}`);
    console.log(`    ratio keystroke p50 / reparse p50    ${(p50(series.latency) / p50(series.reparse)).toFixed(1)}×`);
  }

  await rpc.sendRequest('shutdown');
  rpc.dispose();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
