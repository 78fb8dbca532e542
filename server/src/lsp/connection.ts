// The only file that registers LSP handlers: one line per method, the behaviour lives in OsslintServer.
import type { Connection } from 'vscode-languageserver';
import { logger } from '../logger';
import { OsslintServer } from './server';

export function createServer(connection: Connection): OsslintServer {
  logger.setSink(connection.console);
  const server = new OsslintServer(connection);
  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => server.initialized());
  connection.onDidChangeConfiguration((params) => server.configurationChanged(params));
  connection.onDidChangeWatchedFiles((params) => server.watchedFilesChanged(params));
  connection.languages.diagnostics.on((params, token) => server.pullDiagnostics(params, token));
  connection.onCodeAction((params) => server.codeActions(params));
  connection.onExecuteCommand((params) => server.executeCommand(params));
  connection.onShutdown(() => server.shutdown());
  // textDocument/didOpen, didChange, didClose: TextDocuments registers its own handlers.
  server.store.documents.listen(connection);
  server.store.documents.onDidClose((e) => server.documentClosed(e.document.uri));
  return server;
}
