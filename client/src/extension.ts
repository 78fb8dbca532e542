// VS Code entry: start the osslint language server and keep it running. Everything else is in the server.
import * as path from 'node:path';
import { commands, window, workspace, type Disposable, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let watcher: Disposable | undefined;

function createClient(context: ExtensionContext): LanguageClient {
  // dist/client.js and dist/server.js sit side by side in the packaged extension.
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // The server re-reads the knowledge file (osslint.knowledgeFile) when it changes on disk.
  const knowledgeFile = workspace.getConfiguration('osslint').get<string>('knowledgeFile') || '.osslint.json';
  const fileEvents = workspace.createFileSystemWatcher(`**/${path.basename(knowledgeFile)}`);
  watcher = fileEvents;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'c' },
      { scheme: 'untitled', language: 'c' },
      { scheme: 'file', language: 'go' },
      { scheme: 'untitled', language: 'go' },
    ],
    synchronize: { fileEvents },
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
  };
  // The id 'osslint' makes the client honour the osslint.trace.server setting.
  return new LanguageClient('osslint', 'osslint', serverOptions, clientOptions);
}

async function start(context: ExtensionContext): Promise<void> {
  client = createClient(context);
  try {
    await client.start();
  } catch (err) {
    void window.showErrorMessage(`osslint: the language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  watcher?.dispose();
  watcher = undefined;
  // A client whose start failed has nothing to stop (stop() would throw).
  if (running?.needsStop()) await running.dispose();
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    commands.registerCommand('osslint.restartServer', async () => {
      await stop();
      await start(context);
    }),
    // Trust granted: restart so the server may read the workspace knowledge file.
    workspace.onDidGrantWorkspaceTrust(async () => {
      await stop();
      await start(context);
    }),
  );
  await start(context);
}

export function deactivate(): Promise<void> {
  return stop();
}
