// The project index in the editor, over the real protocol: the first diagnostics come at once from the file's
// own summaries, the functions other files define are read in the background with a progress report, and the
// client is asked to pull again; a change on disk to one of those files is read again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import { createServer } from '../server/src/lsp/connection';
import { logger } from '../server/src/logger';

const fixture = path.resolve(__dirname, '..', 'test-fixtures', 'packages', 'c-project');
let workspace: string;
let rpc: MessageConnection;
let refreshes = 0;
const progress: Array<{ kind: string }> = [];
let progressCreated = 0;

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length - 1;
}

async function pullItems(uri: string): Promise<Diagnostic[]> {
  const report: DocumentDiagnosticReport = await rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  expect(report.kind).toBe('full');
  return (report as { items: Diagnostic[] }).items;
}

beforeAll(async () => {
  // A copy: the test edits a file of the project.
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-index-'));
  for (const f of fs.readdirSync(fixture)) fs.copyFileSync(path.join(fixture, f), path.join(workspace, f));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  createServer(serverConnection);
  serverConnection.listen();
  rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  rpc.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  rpc.onRequest('window/workDoneProgress/create', () => {
    progressCreated++;
    return null;
  });
  rpc.onNotification('$/progress', (p: { value: { kind: string } }) => void progress.push(p.value));
  rpc.listen();
  await rpc.sendRequest('initialize', {
    processId: null,
    rootUri: pathToFileURL(workspace).toString(),
    workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'project' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
  });
  void rpc.sendNotification('initialized', {});
});

afterAll(async () => {
  await rpc.sendRequest('shutdown');
  rpc.dispose();
  logger.setSink(undefined);
  fs.rmSync(workspace, { recursive: true, force: true });
});

describe('project index in the editor', () => {
  it('answers first, indexes in the background with progress, then asks for a new pull that has the other files', async () => {
    const file = path.join(workspace, 'verify-chain.c');
    const uri = pathToFileURL(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
    const handOver = lineOf(text, 'X509 *cert = d2i_X509');
    const owned = lineOf(text, 'X509 *root = cert_from_pem_file');

    const first = await pullItems(uri);
    // Without cert-list.c, the append looks like an ordinary call: the certificate seems leaked.
    expect(first.some((d) => d.range.start.line === handOver)).toBe(true);
    await vi.waitFor(() => expect(refreshes).toBeGreaterThan(0), { timeout: 10_000 });
    expect(progressCreated).toBe(1);
    expect(progress.map((p) => p.kind)).toContain('begin');
    expect(progress.at(-1)?.kind).toBe('end');

    const second = await pullItems(uri);
    expect(second.map((d) => [d.range.start.line, d.code])).toEqual([[owned, 'ossl-leak']]);
  });
});
