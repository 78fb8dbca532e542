// VS Code entry: start the osslint language server and keep it running; the commands, the output channel and
// the status bar item. Everything else is in the server.
import * as path from 'node:path';
import {
  commands,
  DiagnosticSeverity,
  languages,
  StatusBarAlignment,
  ThemeColor,
  window,
  workspace,
  type Disposable,
  type ExtensionContext,
  type OutputChannel,
  type StatusBarItem,
  type TextDocument,
  type Uri,
} from 'vscode';
import {
  CodeActionRequest,
  LanguageClient,
  State,
  TransportKind,
  type CodeActionParams,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { statusView, type ServerState } from './status';

const LANGUAGES = ['c', 'go'];
/** The server's fix-all kind (server/src/lsp/code-actions.ts FIX_ALL_KIND). */
const FIX_ALL_KIND = 'source.fixAll.osslint';
const SOURCE = 'osslint';

let client: LanguageClient | undefined;
let watchers: Disposable[] = [];
let output: OutputChannel;
let status: Status;

function log(message: string): void {
  output.appendLine(`[client ${new Date().toLocaleTimeString()}] ${message}`);
}

function createClient(context: ExtensionContext): LanguageClient {
  // dist/client.js and dist/server.js sit side by side in the packaged extension.
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // The server re-reads the knowledge file (osslint.knowledgeFile) when it changes on disk, and re-reads the
  // project's C files for its index when they change.
  const knowledgeFile = workspace.getConfiguration('osslint').get<string>('knowledgeFile') || '.osslint.json';
  const fileEvents = [workspace.createFileSystemWatcher(`**/${path.basename(knowledgeFile)}`), workspace.createFileSystemWatcher('**/*.{c,h}')];
  watchers = fileEvents;
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { fileEvents },
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
    // One channel for the whole session, so a restart keeps the earlier log. The server writes to it at the
    // level of osslint.logLevel; protocol traces (osslint.trace.server) go there too.
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      // Pull diagnostics pass through here: that is when the status bar says "analysing".
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const uri = 'uri' in document ? document.uri : document;
        const done = status.analysing(uri);
        try {
          return await next(document, previousResultId, token);
        } finally {
          done();
        }
      },
    },
  };
  // The id 'osslint' makes the client honour the osslint.trace.server setting.
  const created = new LanguageClient('osslint', 'osslint', serverOptions, clientOptions);
  created.onDidChangeState((e) => status.server(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped'));
  return created;
}

async function start(context: ExtensionContext): Promise<void> {
  client = createClient(context);
  status.server('starting');
  try {
    await client.start();
  } catch (err) {
    status.server('failed');
    const message = err instanceof Error ? err.message : String(err);
    log(`the language server failed to start: ${message}`);
    void window.showErrorMessage(`osslint: the language server failed to start: ${message}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  for (const w of watchers) w.dispose();
  watchers = [];
  // A client whose start failed has nothing to stop (stop() would throw).
  if (running?.needsStop()) await running.dispose();
}

/**
 * "osslint: Fix all in file": asks the server for source.fixAll.osslint on the active document and applies
 * it. Fixes whose edits overlap are left for a later pass (code-actions.ts mergeFixes), so this repeats
 * until nothing is left, a few passes at most.
 */
async function fixAll(): Promise<void> {
  const editor = window.activeTextEditor;
  const document = editor?.document;
  if (!document || !LANGUAGES.includes(document.languageId)) {
    void window.showInformationMessage('osslint: open a C or Go file to fix.');
    return;
  }
  if (!client?.isRunning()) {
    void window.showErrorMessage('osslint: the language server is not running.');
    return;
  }
  let applied = 0;
  for (let pass = 0; pass < 5; pass++) {
    const edits = await fixAllEdit(client, document);
    if (!edits) break;
    if (!(await workspace.applyEdit(edits))) {
      void window.showErrorMessage('osslint: the fixes could not be applied (the file changed meanwhile?).');
      return;
    }
    applied++;
  }
  log(`fix all in ${document.uri.toString()}: ${applied} pass(es) applied`);
  if (applied === 0) void window.showInformationMessage('osslint: no safe fixes in this file.');
}

async function fixAllEdit(running: LanguageClient, document: TextDocument) {
  const version = document.version;
  const params: CodeActionParams = {
    textDocument: { uri: running.code2ProtocolConverter.asUri(document.uri) },
    range: { start: { line: 0, character: 0 }, end: { line: document.lineCount, character: 0 } },
    context: { diagnostics: [], only: [FIX_ALL_KIND] },
  };
  const actions = await running.sendRequest(CodeActionRequest.type, params);
  const action = actions?.find((a) => 'kind' in a && a.kind === FIX_ALL_KIND && a.edit);
  // An edit computed for an older version would land in the wrong places.
  if (!action || !('edit' in action) || !action.edit || document.version !== version) return undefined;
  return running.protocol2CodeConverter.asWorkspaceEdit(action.edit);
}

/** The status bar item: shown for C and Go editors; analysing / N findings / server error. */
class Status implements Disposable {
  private readonly item: StatusBarItem;
  private state: ServerState = 'starting';
  private readonly pending = new Map<string, number>();
  private readonly subscriptions: Disposable[];

  constructor() {
    this.item = window.createStatusBarItem('osslint.status', StatusBarAlignment.Right, 100);
    this.item.name = 'osslint';
    this.item.command = 'osslint.showOutput';
    this.subscriptions = [
      window.onDidChangeActiveTextEditor(() => this.render()),
      languages.onDidChangeDiagnostics((e) => {
        const active = window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.render();
      }),
    ];
    this.render();
  }

  server(state: ServerState): void {
    // A failure to start stays visible until the next start.
    if (this.state === 'failed' && state === 'stopped') return;
    this.state = state;
    if (state !== 'running') this.pending.clear();
    this.render();
  }

  /** Marks a pull for `uri` as running; call the result when it settles. */
  analysing(uri: Uri): () => void {
    const key = uri.toString();
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.render();
    return () => {
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
      this.render();
    };
  }

  private render(): void {
    const document = window.activeTextEditor?.document;
    if (!document || !LANGUAGES.includes(document.languageId)) {
      this.item.hide();
      return;
    }
    const counts = { errors: 0, warnings: 0, others: 0 };
    for (const d of languages.getDiagnostics(document.uri)) {
      if (d.source !== SOURCE) continue;
      if (d.severity === DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
      else counts.others++;
    }
    const view = statusView({ server: this.state, analysing: this.pending.has(document.uri.toString()), ...counts });
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.background ? new ThemeColor(`statusBarItem.${view.background}Background`) : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

export async function activate(context: ExtensionContext): Promise<void> {
  output = window.createOutputChannel('osslint');
  status = new Status();
  context.subscriptions.push(
    output,
    status,
    commands.registerCommand('osslint.restartServer', async () => {
      log('restarting the language server');
      await stop();
      await start(context);
    }),
    commands.registerCommand('osslint.fixAll', fixAll),
    commands.registerCommand('osslint.showOutput', () => output.show(true)),
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
