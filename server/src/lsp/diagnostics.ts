// Pull diagnostics (textDocument/diagnostic). A result is stamped `<document version>:<settings generation>`
// and always describes the text that is current when it is sent: every await (parser start-up, settings
// round trip) happens before the document is read, and linting itself is synchronous, so a didChange that
// arrives while we wait is applied first and the result is for the newest version.
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { companionFiles } from '../package-files';
import { DocumentAnalysisCache } from '../analysis/function-cache';
import type { CProjectIndex } from '../analysis/c/project-index';
import type { Knowledge } from '../analysis/knowledge';
import { lintTree } from '../engine/lint';
import type { Fix } from '../engine/types';
import type { ResolvedSettings } from '../config/schema';
import { logger } from '../logger';
import { toDiagnostic } from './convert';
import { lintLanguage, type DocumentStore } from './documents';

/** Everything a lint depends on besides the text; `generation` changes whenever any of it does. */
export interface LintContext {
  settings: ResolvedSettings;
  knowledge: Knowledge;
  generation: number;
  /** The workspace's C project index (absent without a workspace folder). */
  project?: CProjectIndex;
}

interface CachedResult {
  resultId: string;
  items: Diagnostic[];
  safeFixes: Fix[];
}

export function resultIdFor(version: number, generation: number): string {
  return `${version}:${generation}`;
}

function pathOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export class DiagnosticsProvider {
  private readonly cache = new Map<string, CachedResult>();
  /** Per-document syntax and per-function results: a keystroke re-analyses only the functions it changed. */
  private readonly analysisCaches = new Map<string, DocumentAnalysisCache>();
  /** Bumped when the project index learns or forgets something: every result is stale then. */
  private projectEpoch = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly context: () => Promise<LintContext>,
    /** A lint lacked these project functions' summaries (read them in the background). */
    private readonly pending: (index: CProjectIndex, file: string, names: string[]) => void = () => undefined,
  ) {}

  projectChanged(): void {
    this.projectEpoch++;
    this.cache.clear();
  }

  async pull(params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const ctx = await this.context();
    // The client cancels a pull when the document changes; it asks again for the new version.
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    const document = this.store.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const result = this.resultFor(document, ctx);
    if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.items };
  }

  /** Safe fixes of the document's current version (for source.fixAll.osslint). */
  async safeFixes(uri: string): Promise<Fix[]> {
    const ctx = await this.context();
    const document = this.store.get(uri);
    return document ? this.resultFor(document, ctx).safeFixes : [];
  }

  /** The text of an open document at a file path (open buffers win over the disk for package summaries). */
  openText(file: string): string | undefined {
    return this.store.get(pathToFileURL(file).toString())?.getText();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.analysisCaches.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private resultFor(document: TextDocument, ctx: LintContext): CachedResult {
    const resultId = `${resultIdFor(document.version, ctx.generation)}.${this.projectEpoch}`;
    const cached = this.cache.get(document.uri);
    if (cached?.resultId === resultId) return cached;
    const result = { resultId, ...this.compute(document, ctx) };
    this.cache.set(document.uri, result);
    return result;
  }

  private compute(document: TextDocument, ctx: LintContext): Omit<CachedResult, 'resultId'> {
    const language = lintLanguage(document);
    if (!language || !ctx.settings.enable) return { items: [], safeFixes: [] };
    try {
      const text = document.getText();
      const tree = this.store.tree(document, language);
      const path = pathOf(document.uri);
      const packageFiles = document.uri.startsWith('file:') ? companionFiles(language, path, text, (p) => this.openText(p)) : undefined;
      const project = language === 'c' && ctx.project && document.uri.startsWith('file:') ? { index: ctx.project, load: false } : undefined;
      const input = { path, text, language, ...(packageFiles ? { packageFiles } : {}), ...(project ? { project } : {}) };
      let analysisCache = this.analysisCaches.get(document.uri);
      if (!analysisCache) this.analysisCaches.set(document.uri, (analysisCache = new DocumentAnalysisCache()));
      const { findings, notes, pendingProjectNames } = lintTree(tree, input, ctx.settings.lint, ctx.knowledge, analysisCache);
      for (const note of notes) logger.debug(`${document.uri}: ${note}`);
      if (pendingProjectNames && ctx.project) this.pending(ctx.project, path, pendingProjectNames);
      return {
        items: findings.map((f) => toDiagnostic(f, document.uri)),
        safeFixes: findings.flatMap((f) => (f.fix ? [f.fix] : [])),
      };
    } catch (err) {
      // One broken document must not take the server down: empty result, one error per version.
      logger.error(`analysis failed for ${document.uri} (version ${document.version}); reporting no diagnostics`, err);
      return { items: [], safeFixes: [] };
    }
  }
}
