// Keystroke-to-diagnostics latency through the real language server, in-process. Not a test:
// `npm run bench:keystroke [-- --lines 30000 --edits 200]`.
//
// A generated OpenSSL-style C file (default 30,000 lines) is opened; then one character at a time is typed into
// a comment in the middle of it. Each keystroke is a ranged textDocument/didChange followed at once by the
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
    const f = functionText(i++);
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
  const markerOffset = text.indexOf(MARKER) + MARKER.length - 3; // inside the comment, before " */"
  const latency: number[] = [];
  const reparse: number[] = [];
  let findings = first.length;
  for (let i = 0; i < EDITS; i++) {
    const offset = markerOffset + i;
    const at = mirror.positionAt(offset);
    const ch = String.fromCharCode(97 + (i % 26));
    const change = { range: { start: at, end: at }, text: ch };

    t = performance.now();
    void rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
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
    mirror = TextDocument.update(mirror, [change], i + 2);
    const next = parse('c', mirror.getText(), tree);
    reparse.push(performance.now() - t);
    tree.delete();
    tree = next;
  }
  tree.delete();
  if (findings !== first.length) throw new Error(`typing into a comment changed the findings (${first.length} → ${findings})`);

  console.log(`keystroke benchmark: ${lineCount} lines of C, ${(text.length / 1024).toFixed(0)} KiB, ${first.length} findings, ${EDITS} keystrokes in a comment at line ${mirror.positionAt(markerOffset).line + 1}`);
  console.log(`  open (didOpen → first diagnostics)     ${openMs.toFixed(1)} ms`);
  console.log(`  full parse / full lint (for scale)     ${fullParseMs.toFixed(1)} ms / ${fullLintMs.toFixed(1)} ms`);
  console.log(`  keystroke → diagnostics (LSP)          ${summary(latency)}`);
  console.log(`  incremental reparse of the same edit   ${summary(reparse)}`);
  const ratio = percentile([...latency].sort((a, b) => a - b), 50) / percentile([...reparse].sort((a, b) => a - b), 50);
  console.log(`  ratio keystroke p50 / reparse p50      ${ratio.toFixed(1)}×`);

  await rpc.sendRequest('shutdown');
  rpc.dispose();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
