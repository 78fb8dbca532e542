// Quick fixes come from Diagnostic.data (stateless); fix-all applies every safe fix of the document.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Fix } from '../engine/types';
import { diagnosticData, toWorkspaceEdit } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.osslint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** `only` lists requested kinds; a request for `source` or `source.fixAll` also wants `source.fixAll.osslint`. */
function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
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
 * fixes of the whole document (the request's diagnostics cover only the requested range).
 */
export function codeActions(params: CodeActionParams, safeFixes: () => Fix[]): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(params.textDocument.uri, params.context.diagnostics));
  if (wants(only, FIX_ALL_KIND)) {
    const all = fixAllAction(params.textDocument.uri, safeFixes());
    if (all) actions.push(all);
  }
  return actions;
}
