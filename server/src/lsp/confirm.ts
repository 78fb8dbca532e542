// "Confirm with AddressSanitizer": the code action, the osslint.confirm / osslint.openHarness commands, and
// the verdicts shown on the diagnostics until the document changes. The harness only runs on request and
// never in an untrusted workspace (it builds and runs the workspace's code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, CodeActionParams, Connection, Diagnostic, ExecuteCommandParams, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../engine/lint';
import type { LanguageId } from '../engine/types';
import { confirmFinding, type HarnessResult } from '../harness/index';
import { logger } from '../logger';
import { diagnosticData } from './convert';
import type { LintContext } from './diagnostics';
import { lintLanguage, type DocumentStore } from './documents';

export const CONFIRM_COMMAND = 'osslint.confirm';
export const OPEN_HARNESS_COMMAND = 'osslint.openHarness';
export const CONFIRM_COMMANDS = [CONFIRM_COMMAND, OPEN_HARNESS_COMMAND];
const NOT_CONFIRMABLE = new Set(['unused-suppression']);

const SUFFIX: Record<HarnessResult['verdict'], string> = {
  confirmed: 'confirmed by AddressSanitizer',
  'not-reproduced': 'not reproduced by AddressSanitizer',
  'build-failed': 'AddressSanitizer harness could not be built',
  'timed-out': 'AddressSanitizer harness timed out',
};

export interface ConfirmHost {
  connection: Connection;
  store: DocumentStore;
  context: () => Promise<LintContext>;
  trusted: () => boolean;
  workspaceRoot: () => string | undefined;
  refresh: () => void;
}

interface StoredVerdicts {
  version: number;
  byKey: Map<string, HarnessResult>;
}

function keyOf(ruleId: string, range: Range): string {
  return `${ruleId}@${range.start.line}:${range.start.character}`;
}

function pathOf(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

export class ConfirmController {
  private readonly verdicts = new Map<string, StoredVerdicts>();
  private readonly keptDirs = new Set<string>();
  private generation = 0;

  constructor(private readonly host: ConfirmHost) {}

  /** Verdicts of the document's current version (older ones are dropped: the text they judged is gone). */
  private current(document: TextDocument): StoredVerdicts | undefined {
    const stored = this.verdicts.get(document.uri);
    if (stored && stored.version !== document.version) {
      this.verdicts.delete(document.uri);
      return undefined;
    }
    return stored;
  }

  hasVerdicts(uri: string): boolean {
    const document = this.host.store.get(uri);
    return !!document && !!this.current(document)?.byKey.size;
  }

  /** A suffix for resultIds, so a client holding the verdict-less result asks again. */
  resultSuffix(): string {
    return `:c${this.generation}`;
  }

  /** Adds each verdict to its diagnostic: message suffix and the report's frames as related information. */
  decorate(uri: string, items: Diagnostic[]): Diagnostic[] {
    const document = this.host.store.get(uri);
    const stored = document && this.current(document);
    if (!stored) return items;
    return items.map((d) => {
      const data = diagnosticData(d);
      const result = data && stored.byKey.get(keyOf(data.ruleId, d.range));
      if (!result) return d;
      const related = [
        ...(d.relatedInformation ?? []),
        ...result.frames.map((f) => ({
          location: { uri: pathToFileURL(f.file).href, range: { start: { line: f.line - 1, character: 0 }, end: { line: f.line - 1, character: 0 } } },
          message: `AddressSanitizer: ${f.role}`,
        })),
      ];
      return { ...d, message: `${d.message} — ${SUFFIX[result.verdict]}`, ...(related.length ? { relatedInformation: related } : {}) };
    });
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    if (params.context.only?.length) return []; // only asked for fixes or source actions
    const actions: CodeAction[] = [];
    const document = this.host.store.get(params.textDocument.uri);
    const stored = document && this.current(document);
    for (const d of params.context.diagnostics) {
      const data = diagnosticData(d);
      if (!data || NOT_CONFIRMABLE.has(data.ruleId)) continue;
      const action: CodeAction = {
        title: 'Confirm with AddressSanitizer',
        diagnostics: [d],
        command: { title: 'Confirm with AddressSanitizer', command: CONFIRM_COMMAND, arguments: [params.textDocument.uri, data.ruleId, d.range] },
      };
      if (!this.host.trusted()) action.disabled = { reason: 'osslint does not build or run code in an untrusted workspace' };
      actions.push(action);
      const result = stored?.byKey.get(keyOf(data.ruleId, d.range));
      if (result?.driverPath && fs.existsSync(result.driverPath)) {
        actions.push({ title: 'Open AddressSanitizer harness', diagnostics: [d], command: { title: 'Open harness', command: OPEN_HARNESS_COMMAND, arguments: [result.driverPath] } });
      }
    }
    return actions;
  }

  async execute(params: ExecuteCommandParams): Promise<unknown> {
    if (params.command === OPEN_HARNESS_COMMAND) {
      const file = String(params.arguments?.[0] ?? '');
      if (!this.isKept(file)) throw new Error('osslint: no such harness');
      return this.host.connection.window.showDocument({ uri: pathToFileURL(file).href, takeFocus: true });
    }
    if (params.command !== CONFIRM_COMMAND) return undefined;
    if (!this.host.trusted()) {
      this.warn('osslint: confirming findings builds and runs code, which is disabled in an untrusted workspace.');
      return { verdict: 'disabled' };
    }
    const [uri, ruleId, range] = (params.arguments ?? []) as [string, string, Range];
    const document = this.host.store.get(uri);
    const language: LanguageId | undefined = document && lintLanguage(document);
    if (!document || !language) throw new Error(`osslint: ${uri} is not an open C or Go document`);
    const ctx = await this.host.context();
    const version = document.version;
    const text = document.getText();
    const finding = lint({ path: pathOf(uri), text, language }, ctx.settings.lint, ctx.knowledge).findings.find(
      (f) => f.ruleId === ruleId && f.range.start.line === range.start.line && f.range.start.character === range.start.character,
    );
    if (!finding) throw new Error('osslint: the finding is no longer reported; nothing to confirm');

    const progress = await this.host.connection.window.createWorkDoneProgress();
    const abort = new AbortController();
    progress.token.onCancellationRequested(() => abort.abort());
    progress.begin('osslint: confirming with AddressSanitizer', 0, 'building the harness', true);
    let result: HarnessResult;
    try {
      result = await confirmFinding({
        path: pathOf(uri),
        text,
        language,
        finding,
        timeoutMs: ctx.settings.confirmTimeoutSeconds * 1000,
        includePaths: ctx.settings.confirmIncludePaths.map((p) => (path.isAbsolute(p) || !this.host.workspaceRoot() ? p : path.join(this.host.workspaceRoot()!, p))),
        defines: ctx.settings.confirmDefines,
        signal: abort.signal,
        keepDir: true,
        onProgress: (message) => progress.report(message),
        ...(this.host.workspaceRoot() ? { workspaceRoot: this.host.workspaceRoot()! } : {}),
      });
    } finally {
      progress.done();
    }
    if (result.dir) this.keptDirs.add(result.dir);
    logger.info(`confirm ${ruleId} at ${uri}:${range.start.line + 1}: ${result.verdict} in ${result.durationMs} ms${result.plan ? ` (${result.plan})` : ''}`);
    if (result.verdict === 'build-failed') this.warn(`osslint: ${result.detail.split('\n')[0]}`);
    const current = this.host.store.get(uri);
    if (current && current.version === version) {
      const stored = this.current(current) ?? { version, byKey: new Map() };
      stored.byKey.set(keyOf(ruleId, finding.range), result);
      this.verdicts.set(uri, stored);
      this.generation++;
      this.host.refresh();
    }
    return { verdict: result.verdict, detail: result.detail, plan: result.plan, driver: result.driverPath, durationMs: result.durationMs };
  }

  private warn(message: string): void {
    void this.host.connection.window.showWarningMessage(message);
  }

  private isKept(file: string): boolean {
    return [...this.keptDirs].some((dir) => file.startsWith(`${dir}/`));
  }

  forget(uri: string): void {
    this.verdicts.delete(uri);
  }

  /** Removes every kept harness directory (server shutdown). */
  dispose(): void {
    for (const dir of this.keptDirs) fs.rmSync(dir, { recursive: true, force: true });
    this.keptDirs.clear();
    this.verdicts.clear();
  }
}
