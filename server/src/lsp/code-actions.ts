// Quick fixes come from Diagnostic.data (stateless); fix-all applies every safe fix of the document; every
// finding can also be silenced with an `osslint-ignore` comment (RULES.md "Suppression").
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../engine/types';
import { diagnosticData, toWorkspaceEdit } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.osslint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** `only` lists requested kinds; a request for `source` or `source.fixAll` also wants `source.fixAll.osslint`. */
function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The lines of the document a code action is asked for; enough to place an `osslint-ignore` comment. */
export interface DocumentLines {
  lineAt(line: number): string | undefined;
  /** The document's line break ('\n' or '\r\n'). */
  eol: string;
}

/** Reads single lines of an open document without splitting its whole text. */
export function documentLines(document: TextDocument): DocumentLines {
  const lineAt = (line: number): string | undefined =>
    line < 0 || line >= document.lineCount ? undefined : document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const first = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  return { lineAt, eol: first.endsWith('\r\n') ? '\r\n' : '\n' };
}

/** The rule a suppression comment cannot silence: it reports the comments themselves. */
const UNUSED_SUPPRESSION = 'unused-suppression';

/** An `osslint-ignore` comment standing alone on its line: `// osslint-ignore a, b: why` or the block form. */
const OWN_LINE_DIRECTIVE = /^\s*(?:\/\/|\/\*)\s*osslint-ignore\s+[\w-]+(?:\s*,\s*[\w-]+)*/;

export function ignoreTitle(ruleId: string): string {
  return `Ignore this \`${ruleId}\` finding (osslint-ignore comment)`;
}

/**
 * Silences one finding: `// osslint-ignore <rule>: reason` on a new line before the finding's line, with that
 * line's indentation (C and Go both accept `//`). When the line before already holds an own-line
 * `osslint-ignore` comment, the rule is added to its list instead: a new line between the two would leave the
 * old comment two lines away from the finding, silencing nothing.
 */
export function ignoreEdit(lines: DocumentLines, ruleId: string, line: number): TextEdit | undefined {
  const text = lines.lineAt(line);
  if (text === undefined) return undefined;
  const previous = line > 0 ? lines.lineAt(line - 1) : undefined;
  const existing = previous !== undefined ? OWN_LINE_DIRECTIVE.exec(previous) : null;
  if (existing) {
    const ids = existing[0].replace(/^.*osslint-ignore\s+/, '').split(',').map((s) => s.trim());
    if (ids.includes(ruleId)) return undefined; // already there (e.g. without the reason it needs)
    const at = { line: line - 1, character: existing[0].length };
    return { range: { start: at, end: at }, newText: `, ${ruleId}` };
  }
  const indent = /^[ \t]*/.exec(text)![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}// osslint-ignore ${ruleId}: reason${lines.eol}` };
}

export function ignoreActions(uri: string, diagnostics: readonly Diagnostic[], lines: DocumentLines): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const data = diagnosticData(diagnostic);
    if (!data || data.ruleId === UNUSED_SUPPRESSION) continue;
    const line = diagnostic.range.start.line;
    const key = `${line}:${data.ruleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const edit = ignoreEdit(lines, data.ruleId, line);
    if (!edit) continue;
    actions.push({ title: ignoreTitle(data.ruleId), kind: CodeActionKind.QuickFix, isPreferred: false, diagnostics: [diagnostic], edit: toWorkspaceEdit(uri, [edit]) });
  }
  return actions;
}

export function quickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = diagnosticData(diagnostic);
    if (!data) continue;
    if (data.fix) {
      actions.push({
        title: data.fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [diagnostic],
        edit: toWorkspaceEdit(uri, data.fix.edits),
      });
    }
    for (const suggestion of data.suggestions ?? []) {
      actions.push({
        title: suggestion.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: false,
        diagnostics: [diagnostic],
        edit: toWorkspaceEdit(uri, suggestion.edits),
      });
    }
  }
  return actions;
}

function compareEdits(a: TextEdit, b: TextEdit): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function before(a: TextEdit['range']['end'], b: TextEdit['range']['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point do not overlap; a replacement that touches another edit does.
  return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start)) && !(isInsert(a) && isInsert(b));
}

function isInsert(e: TextEdit): boolean {
  return e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && compareEdits(a, b) === 0 && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

/**
 * Merges the safe fixes of a document into one edit list. A fix is all or nothing: it is skipped when one of
 * its edits overlaps an edit already taken (the next fix-all pass picks it up). An edit identical to one
 * already taken (two fixes each adding `#include <stdlib.h>`) is applied once.
 */
export function mergeFixes(fixes: readonly Fix[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => taken.some((t) => overlaps(t, e)))) continue;
    taken.push(...fresh);
  }
  return taken.sort(compareEdits);
}

export function fixAllAction(uri: string, fixes: readonly Fix[]): CodeAction | undefined {
  const edits = mergeFixes(fixes);
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe osslint problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(uri, edits) };
}

/**
 * Answers textDocument/codeAction. `safeFixes` is asked for only when fix-all is wanted: it returns the safe
 * fixes of the whole document (the request's diagnostics cover only the requested range). `lines` is the
 * document's current text; without it (document not open) no ignore comment is offered. Fixes come first,
 * then the ignore comments, so the editor lists the real fix at the top.
 */
export function codeActions(params: CodeActionParams, safeFixes: () => Fix[], lines?: DocumentLines): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    actions.push(...quickFixes(params.textDocument.uri, params.context.diagnostics));
    if (lines) actions.push(...ignoreActions(params.textDocument.uri, params.context.diagnostics, lines));
  }
  if (wants(only, FIX_ALL_KIND)) {
    const all = fixAllAction(params.textDocument.uri, safeFixes());
    if (all) actions.push(all);
  }
  return actions;
}
