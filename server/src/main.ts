// Language server entry. The transport (--node-ipc, --stdio, --socket=N, --pipe=NAME) comes from argv.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './lsp/connection';

const connection = createConnection(ProposedFeatures.all);
createServer(connection);
connection.listen();
