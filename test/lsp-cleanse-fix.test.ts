// LSP, C secrets: the real server over in-process streams, from an ossl-cleanse diagnostic to its safe fix
// (OPENSSL_free → OPENSSL_clear_free, giving the .fixed.c fixture) and its suggestion (OPENSSL_cleanse before
// the exit of a function with a stack secret).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { applyWorkspaceEdit, positionOf, pullDiagnostics, startLspSession, stopLspSession } from './helpers/lsp-session';

const fixtures = path.resolve(__dirname, '..', 'test-fixtures', 'ossl-cleanse');
const HEAP = fs.readFileSync(path.join(fixtures, 'heap.c'), 'utf8');
const HEAP_FIXED = fs.readFileSync(path.join(fixtures, 'heap.fixed.c'), 'utf8');
const STACK = fs.readFileSync(path.join(fixtures, 'secrets.c'), 'utf8');
const CGO = fs.readFileSync(path.join(fixtures, 'cgo.go'), 'utf8');

let rpc: MessageConnection;

const apply = (text: string, uri: string, edit: WorkspaceEdit | undefined) => applyWorkspaceEdit(text, uri, edit);
const diagnostics = (uri: string): Promise<Diagnostic[]> => pullDiagnostics(rpc, uri);

beforeAll(async () => {
  rpc = await startLspSession();
});

afterAll(async () => {
  await stopLspSession(rpc);
});

async function quickFixes(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return rpc.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [JSON.parse(JSON.stringify(diagnostic))], only: ['quickfix'] },
  });
}

describe('ossl-cleanse fixes over LSP', () => {
  it('replaces OPENSSL_free with OPENSSL_clear_free (preferred quick fix) and the result is the .fixed.c text', async () => {
    const uri = 'file:///work/heap.c';
    void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: HEAP } });
    const items = await diagnostics(uri);
    const finding = items.find((d) => d.code === 'ossl-cleanse');
    expect(finding, 'ossl-cleanse on PKCS5_PBKDF2_HMAC').toBeDefined();
    expect(finding!.range.start.line).toBe(positionOf(HEAP, 'PKCS5_PBKDF2_HMAC(').line);
    const actions = await quickFixes(uri, finding!);
    const fix = actions.find((a) => a.isPreferred && /OPENSSL_clear_free/.test(a.title));
    expect(fix, actions.map((a) => a.title).join(' | ')).toBeDefined();
    expect(apply(HEAP, uri, fix!.edit)).toBe(HEAP_FIXED);
  });

  it('offers OPENSSL_cleanse before the exit of a function with a stack secret, as a suggestion', async () => {
    const uri = 'file:///work/secrets.c';
    void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: STACK } });
    const items = await diagnostics(uri);
    const line = positionOf(STACK, 'if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), sizeof(key), key))').line;
    const finding = items.find((d) => d.code === 'ossl-cleanse' && d.range.start.line === line);
    expect(finding).toBeDefined();
    const actions = await quickFixes(uri, finding!);
    const suggestion = actions.find((a) => /OPENSSL_cleanse\(key, sizeof\(key\)\)/.test(a.title));
    expect(suggestion, actions.map((a) => a.title).join(' | ')).toBeDefined();
    expect(suggestion!.isPreferred).toBeFalsy();
    const applied = apply(STACK, uri, suggestion!.edit);
    expect(applied).toContain('    OPENSSL_cleanse(key, sizeof(key));\n    return');
  });

  it('Go: wraps the deferred C.free in a closure that wipes first, as a suggestion', async () => {
    const uri = pathToFileURL(path.join(fixtures, 'cgo.go')).toString();
    void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: CGO } });
    const items = await diagnostics(uri);
    const line = positionOf(CGO, 'if C.PKCS5_PBKDF2_HMAC(cpass').line;
    const finding = items.find((d) => d.code === 'ossl-cleanse' && d.range.start.line === line);
    expect(finding).toBeDefined();
    const actions = await quickFixes(uri, finding!);
    const suggestion = actions.find((a) => /OPENSSL_cleanse/.test(a.title));
    expect(suggestion, actions.map((a) => a.title).join(' | ')).toBeDefined();
    expect(suggestion!.isPreferred).toBeFalsy();
    const applied = apply(CGO, uri, suggestion!.edit);
    expect(applied).toMatch(/defer func\(\) \{ C\.OPENSSL_cleanse\(key, 32\); C\.free\(key\) \}\(\)/);
  });
});
