// The language server's state and behaviour behind each LSP method. connection.ts wires the methods to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type ExecuteCommandParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { builtinKnowledge, knowledgeWithUserFile, type Knowledge } from '../analysis/knowledge';
import { ConfigError, defaultSettings, resolveSettings, type ResolvedSettings } from '../config/schema';
import { logger } from '../logger';
import { initParsing } from '../parsing/parser';
import { CODE_ACTION_KINDS, codeActions, documentLines } from './code-actions';
import { DiagnosticsProvider, type LintContext } from './diagnostics';
import { DocumentStore } from './documents';
import { ProjectIndexer } from './project-indexer';
import { CProjectIndex } from '../analysis/c/project-index';
import { cProjectSource } from '../package-files';
import { CONFIRM_COMMANDS, ConfirmController } from './confirm';
import { version } from '../../../package.json';

/** What the client may pass in initializationOptions. */
export interface InitializationOptions {
  /** VS Code workspace trust; the workspace knowledge file is only read in a trusted workspace. */
  workspaceTrusted?: boolean;
}

export class OsslintServer {
  readonly store = new DocumentStore();
  readonly diagnostics = new DiagnosticsProvider(
    this.store,
    () => this.lintContext(),
    (index, file, names) => this.indexer.request(index, file, names),
  );
  private capabilities: ClientCapabilities = {};
  private workspaceRoot: string | undefined;
  private trusted = true;
  private generation = 0;
  private context: Promise<LintContext> | undefined;
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushedSettings: unknown;
  private readonly shownErrors = new Set<string>();

  readonly confirm: ConfirmController;
  private readonly indexer: ProjectIndexer;
  private projectIndex: CProjectIndex | undefined;

  constructor(private readonly connection: Connection) {
    this.indexer = new ProjectIndexer({
      connection,
      capabilities: () => this.capabilities,
      changed: () => {
        this.diagnostics.projectChanged();
        this.refreshDiagnostics();
      },
    });
    this.confirm = new ConfirmController({
      connection,
      store: this.store,
      context: () => this.lintContext(),
      trusted: () => this.trusted,
      workspaceRoot: () => this.workspaceRoot,
      refresh: () => {
        if (this.capabilities.workspace?.diagnostics?.refreshSupport) this.connection.languages.diagnostics.refresh();
      },
    });
  }

  initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.workspaceRoot = rootPath(params);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    this.trusted = options.workspaceTrusted !== false;
    // Start loading the parser now; the first diagnostic request waits for it.
    initParsing().catch((err) => logger.error('cannot load tree-sitter', err));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: { identifier: 'osslint', interFileDependencies: true, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        executeCommandProvider: { commands: CONFIRM_COMMANDS },
      },
      serverInfo: { name: 'osslint', version },
    };
  }

  initialized(): void {
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'osslint' });
    }
    logger.info(`osslint ${version} started (workspace ${this.workspaceRoot ?? 'none'}, ${this.trusted ? 'trusted' : 'untrusted'})`);
  }

  async configurationChanged(params: DidChangeConfigurationParams): Promise<void> {
    const pushed = (params.settings as { osslint?: unknown } | null | undefined)?.osslint;
    if (pushed !== undefined) this.pushedSettings = pushed;
    await this.reload('settings changed');
  }

  async watchedFilesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    const paths = params.changes.map((c) => filePath(c.uri)).filter((p): p is string => !!p);
    const sources = paths.filter((p) => /\.[ch]$/.test(p));
    this.indexer.filesChanged(this.projectIndex, sources);
    if (sources.length < paths.length) await this.reload('knowledge file changed');
  }

  private refreshDiagnostics(): void {
    if (this.capabilities.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh();
  }

  async pullDiagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    if (!this.confirm.hasVerdicts(params.textDocument.uri)) return this.diagnostics.pull(params, token);
    // Sanitizer verdicts are shown on the diagnostics: always a full report, with its own resultId.
    const { previousResultId: _ignored, ...fresh } = params;
    const report = await this.diagnostics.pull(fresh, token);
    if (report.kind !== 'full') return report;
    return { ...report, resultId: `${report.resultId ?? ''}${this.confirm.resultSuffix()}`, items: this.confirm.decorate(params.textDocument.uri, report.items) };
  }

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const fixes = await this.diagnostics.safeFixes(params.textDocument.uri);
    const document = this.store.get(params.textDocument.uri);
    return [...codeActions(params, () => fixes, document && documentLines(document)), ...this.confirm.codeActions(params)];
  }

  executeCommand(params: ExecuteCommandParams): Promise<unknown> {
    return this.confirm.execute(params);
  }

  documentClosed(uri: string): void {
    this.diagnostics.forget(uri);
    this.confirm.forget(uri);
  }

  shutdown(): void {
    this.confirm.dispose();
    this.diagnostics.clear();
    this.store.dispose();
  }

  /** Settings and knowledge are read once per generation; a change bumps the generation and re-reads. */
  private lintContext(): Promise<LintContext> {
    this.context ??= this.loadContext(++this.generation);
    return this.context;
  }

  private async reload(reason: string): Promise<void> {
    logger.info(`${reason}: re-reading settings`);
    this.context = undefined;
    this.diagnostics.clear();
    await this.lintContext();
    if (this.capabilities.workspace?.diagnostics?.refreshSupport) this.connection.languages.diagnostics.refresh();
  }

  private async loadContext(generation: number): Promise<LintContext> {
    const [settings] = await Promise.all([this.readSettings(), initParsing()]);
    logger.setLevel(settings.logLevel);
    const knowledge = this.loadKnowledge(settings);
    // A new knowledge base means new summaries: the index starts over with it.
    this.projectIndex = this.workspaceRoot ? new CProjectIndex(cProjectSource(this.workspaceRoot, (p) => this.diagnostics.openText(p)), knowledge) : undefined;
    return { settings, knowledge, generation, ...(this.projectIndex ? { project: this.projectIndex } : {}) };
  }

  private async readSettings(): Promise<ResolvedSettings> {
    let raw: unknown = this.pushedSettings;
    if (this.capabilities.workspace?.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration('osslint');
      } catch (err) {
        logger.error('workspace/configuration failed; using defaults', err);
      }
    }
    try {
      return resolveSettings(raw);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.reportError(`osslint: ${err.message}. Using the default settings until it is fixed.`);
      return defaultSettings();
    }
  }

  private loadKnowledge(settings: ResolvedSettings): Knowledge {
    if (!this.trusted || !this.workspaceRoot || !settings.knowledgeFile) return builtinKnowledge();
    const file = path.resolve(this.workspaceRoot, settings.knowledgeFile);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.reportError(`osslint: cannot read ${file}: ${(err as Error).message}`);
      return builtinKnowledge();
    }
    try {
      const knowledge = knowledgeWithUserFile(file, JSON.parse(text));
      logger.info(`knowledge file ${file} loaded`);
      return knowledge;
    } catch (err) {
      // KnowledgeError names the file, the entry and the problem; JSON.parse errors need the file added.
      const message = err instanceof SyntaxError ? `${file}: invalid JSON: ${err.message}` : (err as Error).message;
      this.reportError(`osslint: ${message}. The built-in knowledge base is used without it.`);
      return builtinKnowledge();
    }
  }

  /** Logs an error, and shows it to the user once per distinct message. */
  private reportError(message: string): void {
    logger.error(message);
    if (this.shownErrors.has(message)) return;
    this.shownErrors.add(message);
    void this.connection.window.showErrorMessage(message);
  }
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function rootPath(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri?.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  return params.rootPath ?? undefined;
}
