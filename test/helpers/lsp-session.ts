import { pathToFileURL } from 'node:url';
// The real language server on one end of two in-process streams and a JSON-RPC client (standing in for VS Code)
// on the other, with the small helpers the LSP fix tests share.
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentDiagnosticReport, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createServer } from '../../server/src/lsp/connection';
import { initParsing } from '../../server/src/parsing/parser';

/** Starts a server, initializes it with pull diagnostics and code-action literals, returns the client end. */
export async function startLspSession(workspaceRoot?: string): Promise<MessageConnection> {
  await initParsing();
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  createServer(serverConnection);
  serverConnection.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onRequest('workspace/diagnostic/refresh', () => null);
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.listen();
  await rpc.sendRequest('initialize', {
    processId: null,
    rootUri: workspaceRoot ? pathToFileURL(workspaceRoot).toString() : null,
    workspaceFolders: workspaceRoot ? [{ uri: pathToFileURL(workspaceRoot).toString(), name: 'workspace' }] : null,
    capabilities: {
      workspace: { configuration: true },
      textDocument: { diagnostic: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
    },
  });
  void rpc.sendNotification('initialized', {});
  return rpc;
}

export async function stopLspSession(rpc: MessageConnection): Promise<void> {
  await rpc.sendRequest('shutdown');
  rpc.dispose();
}

/** Zero-based position of `needle` in `text` (tests find positions from text, never typed as numbers). */
export function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), edits);
}

export async function pullDiagnostics(rpc: MessageConnection, uri: string): Promise<Diagnostic[]> {
  const report: DocumentDiagnosticReport = await rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  expect(report.kind).toBe('full');
  return (report as { items: Diagnostic[] }).items;
}
