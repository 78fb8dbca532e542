// LSP, Go: the real server over in-process streams, from a cgo-free diagnostic to its quick fix and the
// fix-all action; applying the returned WorkspaceEdit gives the .fixed.go fixture text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { applyWorkspaceEdit, positionOf, pullDiagnostics, startLspSession, stopLspSession } from './helpers/lsp-session';

const fixtures = path.resolve(__dirname, '..', 'test-fixtures', 'cgo-free');
const ORIGINAL = fs.readFileSync(path.join(fixtures, 'basic.go'), 'utf8');
const FIXED = fs.readFileSync(path.join(fixtures, 'basic.fixed.go'), 'utf8');

let rpc: MessageConnection;

const apply = (text: string, uri: string, edit: WorkspaceEdit | undefined) => applyWorkspaceEdit(text, uri, edit);
const diagnostics = (uri: string): Promise<Diagnostic[]> => pullDiagnostics(rpc, uri);

beforeAll(async () => {
  rpc = await startLspSession();
});

afterAll(async () => {
  await stopLspSession(rpc);
});

describe('cgo-free quick fix over LSP', () => {
  const uri = 'file:///work/basic.go';

  it('reports cgo-free on C.CString and its quick fix inserts defer C.free with the imports', async () => {
    void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: ORIGINAL } });
    const items = await diagnostics(uri);
    const greet = items.find((d) => d.code === 'cgo-free' && d.range.start.line === positionOf(ORIGINAL, 'C.CString(name)').line);
    expect(greet, 'cgo-free on `cs := C.CString(name)`').toBeDefined();
    expect(greet!.range.start).toEqual(positionOf(ORIGINAL, 'C.CString(name)'));
    const actions: CodeAction[] = await rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: greet!.range,
      context: { diagnostics: [JSON.parse(JSON.stringify(greet))], only: ['quickfix'] },
    });
    const quickFix = actions.find((a) => a.isPreferred);
    expect(quickFix?.title).toBe('Insert `defer C.free(unsafe.Pointer(cs))`');
    const after = apply(ORIGINAL, uri, quickFix!.edit);
    expect(after).toContain('\tcs := C.CString(name)\n\tdefer C.free(unsafe.Pointer(cs))\n\tC.puts(cs)\n');
    expect(after).toContain('\t"os"\n\t"unsafe"\n)');
    expect(after).toContain('// #include <string.h>\n// #include <stdlib.h>\nimport "C"');
  });

  it('fix-all gives the .fixed.go text', async () => {
    const actions: CodeAction[] = await rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.osslint');
    expect(fixAll).toBeDefined();
    const after = apply(ORIGINAL, uri, fixAll!.edit);
    expect(after).toBe(FIXED);
    void rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: after }],
    });
    expect((await diagnostics(uri)).filter((d) => d.code === 'cgo-free')).toEqual([]);
  });
});
