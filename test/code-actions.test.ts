// The "ignore this finding" quick fix as pure functions: where the comment goes and how it joins an existing one.
// The round trip through the server (apply, re-lint, finding gone) is in lsp.test.ts.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { documentLines, ignoreActions, ignoreEdit } from '../server/src/lsp/code-actions';
import { toDiagnostic } from '../server/src/lsp/convert';
import type { Finding } from '../server/src/engine/types';

const uri = 'file:///t/x.go';

function lines(text: string) {
  return documentLines(TextDocument.create(uri, 'go', 1, text));
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in text`);
  return text.slice(0, i).split('\n').length - 1;
}

function apply(text: string, ruleId: string, needle: string): string {
  const edit = ignoreEdit(lines(text), ruleId, lineOf(text, needle));
  if (!edit) return text;
  return TextDocument.applyEdits(TextDocument.create(uri, 'go', 1, text), [edit]);
}

function diagnostic(ruleId: string, text: string, needle: string): Diagnostic {
  const line = lineOf(text, needle);
  const finding: Finding = { ruleId, messageId: 'm', message: 'm', severity: 'warning', range: { start: { line, character: 1 }, end: { line, character: 4 } }, related: [] };
  return toDiagnostic(finding, uri);
}

describe('ignore comment', () => {
  const go = 'package p\n\nfunc f(s string) {\n\tp := C.CString(s)\n\tuse(p)\n}\n';

  it('goes on a new line before the finding with the same indentation', () => {
    expect(apply(go, 'cgo-free', 'p := C.CString')).toBe(go.replace('\tp := C.CString', '\t// osslint-ignore cgo-free: reason\n\tp := C.CString'));
  });

  it('keeps CRLF line breaks', () => {
    const crlf = go.replace(/\n/g, '\r\n');
    expect(apply(crlf, 'cgo-free', 'p := C.CString')).toBe(crlf.replace('\tp := C.CString', '\t// osslint-ignore cgo-free: reason\r\n\tp := C.CString'));
  });

  it('joins an own-line osslint-ignore comment on the line before instead of pushing it away', () => {
    const c = 'void f(void) {\n    // osslint-ignore ossl-cleanse: wiped by the caller\n    x = g();\n}\n';
    expect(apply(c, 'ossl-leak', 'x = g()')).toBe(c.replace('ossl-cleanse:', 'ossl-cleanse, ossl-leak:'));
    const block = 'void f(void) {\n    /* osslint-ignore mem-leak */\n    x = g();\n}\n';
    expect(apply(block, 'ossl-leak', 'x = g()')).toBe(block.replace('mem-leak', 'mem-leak, ossl-leak'));
    // Already listed (e.g. missing its reason): nothing to add.
    expect(ignoreEdit(lines(c), 'ossl-cleanse', lineOf(c, 'x = g()'))).toBeUndefined();
  });

  it('is offered once per rule and line, for osslint diagnostics only, never for unused-suppression', () => {
    const l = lines(go);
    const a = diagnostic('cgo-free', go, 'p := C.CString');
    const foreign = { ...a, source: 'gopls' };
    const unused = diagnostic('unused-suppression', go, 'use(p)');
    const actions = ignoreActions(uri, [a, { ...a }, foreign, unused], l);
    expect(actions.map((x) => x.title)).toEqual(['Ignore this `cgo-free` finding (osslint-ignore comment)']);
    expect(actions[0]!.diagnostics).toEqual([a]);
  });
});
