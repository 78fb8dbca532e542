// LSP integration: the real server (createServer) on one end of two in-process streams, a JSON-RPC client on
// the other. Expected diagnostics are computed with lint() on the same text, so the test stays right as
// rules are added; a few concrete findings pin the wiring down.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver';
import { createServer } from '../server/src/lsp/connection';
import { ignoreTitle, mergeFixes } from '../server/src/lsp/code-actions';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../server/src/lsp/convert';
import { lint } from '../server/src/engine/lint';
import type { Finding, LintConfig } from '../server/src/engine/types';
import { initParsing, parse } from '../server/src/parsing/parser';
import type { OsslintServer } from '../server/src/lsp/server';
import { logger } from '../server/src/logger';

// A marker that makes analysis throw, to prove one failing document cannot take the server down.
const THROW_MARKER = 'OSSLINT_TEST_ANALYSIS_THROWS';
vi.mock('../server/src/engine/lint', async (importOriginal) => {
  const real = await importOriginal<typeof import('../server/src/engine/lint')>();
  return {
    ...real,
    lintTree: (...args: Parameters<typeof real.lintTree>) => {
      if (args[1].text.includes(THROW_MARKER)) throw new Error('analysis exploded on purpose');
      return real.lintTree(...args);
    },
  };
});

const LEAK_C = '#include <openssl/ssl.h>\nint f(void){ SSL_CTX *ctx = SSL_CTX_new(TLS_method()); if (!ctx) return -1; return 0; }\n';

/** Zero-based line/character of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, after = 0) {
  const offset = text.indexOf(needle, after);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function expected(text: string, language: 'c' | 'go', uri: string, config: LintConfig = { rules: {} }): Diagnostic[] {
  return lint({ path: uri, text, language }, config).findings.map((f) => toDiagnostic(f, uri));
}

interface Client {
  rpc: MessageConnection;
  logs: Array<{ type: number; message: string }>;
  shown: Array<{ type: number; message: string }>;
  refreshes: number;
  settings: unknown;
  /** When set, workspace/configuration answers only after this promise resolves. */
  holdConfiguration?: Promise<void>;
  configurationRequests: number;
}

let client: Client;
let init: InitializeResult;
let server: OsslintServer;

function startServer(): Client {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  server = createServer(serverConnection);
  serverConnection.listen();

  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const c: Client = { rpc, logs: [], shown: [], refreshes: 0, settings: {}, configurationRequests: 0 };
  rpc.onNotification('window/logMessage', (p: { type: number; message: string }) => void c.logs.push(p));
  rpc.onNotification('window/showMessage', (p: { type: number; message: string }) => void c.shown.push(p));
  rpc.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
    c.shown.push(p);
    return null;
  });
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onRequest('workspace/diagnostic/refresh', () => {
    c.refreshes++;
    return null;
  });
  rpc.onRequest('workspace/configuration', async (p: { items: Array<{ section?: string }> }) => {
    c.configurationRequests++;
    if (c.holdConfiguration) await c.holdConfiguration;
    return p.items.map(() => c.settings);
  });
  rpc.listen();
  return c;
}

function open(uri: string, languageId: string, text: string): void {
  void client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
}

function pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
}

function full(report: DocumentDiagnosticReport): { resultId?: string; items: Diagnostic[] } {
  expect(report.kind).toBe('full');
  return report as { resultId?: string; items: Diagnostic[] };
}

function configurationChanged(settings: unknown): Promise<void> {
  client.settings = settings;
  const before = client.refreshes;
  void client.rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
  return vi.waitFor(() => expect(client.refreshes).toBeGreaterThan(before));
}

beforeAll(async () => {
  await initParsing();
  client = startServer();
  init = await client.rpc.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
    },
  });
  void client.rpc.sendNotification('initialized', {});
});

afterAll(async () => {
  await client.rpc.sendRequest('shutdown');
  client.rpc.dispose();
  logger.setSink(undefined);
});

describe('initialize', () => {
  it('declares pull diagnostics, code actions and incremental sync', () => {
    expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: false });
    expect(init.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll.osslint'] });
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(init.serverInfo?.name).toBe('osslint');
  });
});

describe('pull diagnostics', () => {
  const uri = 'file:///work/leak.c';
  let first: { resultId?: string; items: Diagnostic[] };

  it('returns the findings of lint() for an opened C document, stamped with its version', async () => {
    open(uri, 'c', LEAK_C);
    first = full(await pull(uri));
    expect(first.resultId).toMatch(/^1:/);
    expect(first.items).toEqual(expected(LEAK_C, 'c', uri));
    // Settings were pulled from the client, not assumed.
    expect(client.configurationRequests).toBeGreaterThan(0);
  });

  it('reports ossl-leak on the SSL_CTX_new line with docs link and data for code actions', () => {
    const leak = first.items.find((d) => d.code === 'ossl-leak');
    expect(leak, 'ossl-leak must report the unreleased SSL_CTX (needs rules/ossl-leak.ts)').toBeDefined();
    expect(leak!.range.start.line).toBe(positionOf(LEAK_C, 'SSL_CTX_new').line);
    expect(leak!.source).toBe('osslint');
    expect(leak!.codeDescription?.href).toBe('https://github.com/osslint/osslint/blob/main/rules/ossl-leak.md');
    expect(leak!.data).toMatchObject({ ruleId: 'ossl-leak' });
    // The path (branch taken, exit) travels as relatedInformation in the same document.
    expect(leak!.relatedInformation?.length).toBeGreaterThan(0);
    for (const r of leak!.relatedInformation!) expect(r.location.uri).toBe(uri);
  });

  it('answers "unchanged" when the client already has the result for this version', async () => {
    const report = await pull(uri, first.resultId);
    expect(report).toEqual({ kind: 'unchanged', resultId: first.resultId });
  });

  it('gives the new version\'s result after an incremental didChange', async () => {
    // Release the context before the successful return: the leak is gone in version 2.
    const insertAt = positionOf(LEAK_C, 'return 0;');
    const insert = 'SSL_CTX_free(ctx); ';
    void client.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: insertAt, end: insertAt }, text: insert }],
    });
    const v2 = LEAK_C.replace('return 0;', `${insert}return 0;`);
    const report = full(await pull(uri));
    expect(report.resultId).toMatch(/^2:/);
    expect(report.items).toEqual(expected(v2, 'c', uri));
    expect(report.items.filter((d) => d.code === 'ossl-leak')).toEqual([]);

    // Several ranged changes in one notification, on several lines: the incrementally edited tree must give
    // what a fresh parse gives.
    const from = positionOf(v2, 'SSL_CTX_free(ctx); ');
    const to = { line: from.line, character: from.character + insert.length };
    const addLine = { line: 0, character: 0 };
    void client.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [
        { range: { start: from, end: to }, text: '' },
        { range: { start: addLine, end: addLine }, text: '/* license © 🔒 */\n\n' },
      ],
    });
    const v3 = `/* license © 🔒 */\n\n${LEAK_C}`;
    const r3 = full(await pull(uri));
    expect(r3.resultId).toMatch(/^3:/);
    const doc = server.store.get(uri)!;
    expect(doc.getText()).toBe(v3);
    const fresh = parse('c', v3);
    try {
      expect(server.store.tree(doc, 'c').rootNode.toString()).toBe(fresh.rootNode.toString());
      expect(server.store.tree(doc, 'c').rootNode.endIndex).toBe(v3.length);
    } finally {
      fresh.delete();
    }
    expect(r3.items).toEqual(expected(v3, 'c', uri));
    const leak = r3.items.find((d) => d.code === 'ossl-leak');
    if (first.items.some((d) => d.code === 'ossl-leak')) expect(leak?.range.start.line).toBe(positionOf(v3, 'SSL_CTX_new').line);
  });

  it('answers for the latest version when the document changes while the request waits', async () => {
    // Hold the settings round trip so the didChange below arrives while the pull is waiting for it.
    let release!: () => void;
    client.holdConfiguration = new Promise<void>((r) => (release = r));
    void client.rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const pending = pull(uri);
    const v4 = LEAK_C.replace('int f(void)', 'static int f(void)');
    void client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: v4 }] });
    await vi.waitFor(() => expect(client.configurationRequests).toBeGreaterThan(1));
    await new Promise((r) => setTimeout(r, 20));
    release();
    client.holdConfiguration = undefined;
    const report = full(await pending);
    expect(report.resultId).toMatch(/^4:/);
    expect(report.items).toEqual(expected(v4, 'c', uri));
  });

  it('returns an empty result for a document it does not have, and keeps serving', async () => {
    expect(await pull('file:///work/never-opened.c')).toEqual({ kind: 'full', items: [] });
    expect(full(await pull(uri)).resultId).toMatch(/^4:/);
  });

  it('returns an empty result and logs one error when analysis throws, and keeps serving', async () => {
    const bad = 'file:///work/throws.c';
    const errorsBefore = client.logs.filter((l) => l.type === 1).length;
    open(bad, 'c', `/* ${THROW_MARKER} */\n${LEAK_C}`);
    const report = full(await pull(bad));
    expect(report.items).toEqual([]);
    full(await pull(bad)); // same version again: no second error
    await vi.waitFor(() => expect(client.logs.filter((l) => l.type === 1).length).toBe(errorsBefore + 1));
    expect(client.logs.filter((l) => l.type === 1).at(-1)!.message).toMatch(/analysis failed for file:\/\/\/work\/throws\.c.*analysis exploded on purpose/s);
    expect(full(await pull(uri)).items).toEqual(expected(LEAK_C.replace('int f(void)', 'static int f(void)'), 'c', uri));
  });

  it('lints Go documents and ignores other languages', async () => {
    const goUri = 'file:///work/main.go';
    const goText = 'package main\n\n// #include <stdlib.h>\nimport "C"\n\nfunc f(s string) {\n\tcs := C.CString(s)\n\t_ = cs\n}\n';
    open(goUri, 'go', goText);
    expect(full(await pull(goUri)).items).toEqual(expected(goText, 'go', goUri));
    open('file:///work/notes.txt', 'plaintext', LEAK_C);
    expect(full(await pull('file:///work/notes.txt')).items).toEqual([]);
  });
});

describe('settings', () => {
  const uri = 'file:///work/settings.c';

  it('re-reads settings on didChangeConfiguration, asks the client to refresh, and applies rule severities', async () => {
    open(uri, 'c', LEAK_C);
    const base = full(await pull(uri));
    await configurationChanged({ rules: { 'ossl-leak': 'error' } });
    const raised = full(await pull(uri, base.resultId));
    expect(raised.resultId).not.toBe(base.resultId);
    expect(raised.items).toEqual(expected(LEAK_C, 'c', uri, { rules: { 'ossl-leak': 'error' } }));
    for (const d of raised.items.filter((i) => i.code === 'ossl-leak')) expect(d.severity).toBe(1);

    await configurationChanged({ rules: { 'ossl-leak': 'off' } });
    expect(full(await pull(uri)).items).toEqual(expected(LEAK_C, 'c', uri, { rules: { 'ossl-leak': 'off' } }));
  });

  it('reports nothing when disabled', async () => {
    await configurationChanged({ enable: false });
    expect(full(await pull(uri)).items).toEqual([]);
  });

  it('shows a bad setting to the user once and falls back to the defaults', async () => {
    await configurationChanged({ rules: { 'ossl-leak': 'loud' } });
    expect(full(await pull(uri)).items).toEqual(expected(LEAK_C, 'c', uri));
    await vi.waitFor(() => expect(client.shown.some((m) => m.type === 1 && /osslint\.rules \(key "ossl-leak"\)/.test(m.message))).toBe(true));
    await configurationChanged({});
  });
});

describe('code actions', () => {
  const uri = 'file:///work/actions.c';
  const fixed: Finding = {
    ruleId: 'ossl-leak',
    messageId: 'leak',
    message: '`ctx` (SSL_CTX_new) is not freed',
    severity: 'warning',
    range: { start: { line: 1, character: 27 }, end: { line: 1, character: 53 } },
    related: [{ range: { start: { line: 1, character: 84 }, end: { line: 1, character: 93 } }, message: 'returns here' }],
    fix: { title: 'Free `ctx` before returning', edits: [{ range: { start: { line: 1, character: 84 }, end: { line: 1, character: 84 } }, newText: 'SSL_CTX_free(ctx); ' }] },
    suggestions: [{ title: 'Return `ctx` to the caller', edits: [{ range: { start: { line: 1, character: 91 }, end: { line: 1, character: 92 } }, newText: '(int)(ctx != 0)' }] }],
  };

  it('turns the fix in diagnostic data into a preferred quick fix and suggestions into other quick fixes', async () => {
    open(uri, 'c', LEAK_C);
    const diagnostic = toDiagnostic(fixed, uri);
    expect(diagnostic.relatedInformation).toEqual([{ location: { uri, range: fixed.related[0]!.range }, message: 'returns here' }]);
    // Round trip through JSON, as a real client sends it back.
    const actions: CodeAction[] = await client.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [JSON.parse(JSON.stringify(diagnostic))], only: ['quickfix'] },
    });
    expect(actions).toEqual([
      { title: fixed.fix!.title, kind: 'quickfix', isPreferred: true, diagnostics: [diagnostic], edit: { changes: { [uri]: fixed.fix!.edits } } },
      { title: fixed.suggestions![0]!.title, kind: 'quickfix', isPreferred: false, diagnostics: [diagnostic], edit: { changes: { [uri]: fixed.suggestions![0]!.edits } } },
      {
        title: ignoreTitle('ossl-leak'),
        kind: 'quickfix',
        isPreferred: false,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '// osslint-ignore ossl-leak: reason\n' }] } },
      },
    ]);
  });

  it('offers an osslint-ignore comment for every finding; applying it silences the finding without an unused-suppression', async () => {
    const ignoreUri = 'file:///work/ignore.c';
    const text = '#include <openssl/ssl.h>\nint f(void) {\n    SSL_CTX *ctx = SSL_CTX_new(TLS_method());\n    if (!ctx) return -1;\n    return 0;\n}\n';
    open(ignoreUri, 'c', text);
    const items = full(await pull(ignoreUri)).items;
    const leak = items.find((d) => d.code === 'ossl-leak');
    expect(leak, 'ossl-leak must report the unreleased SSL_CTX').toBeDefined();
    const actions: CodeAction[] = await client.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri: ignoreUri },
      range: leak!.range,
      context: { diagnostics: [leak], only: ['quickfix'] },
    });
    const ignore = actions.find((a) => a.title === ignoreTitle('ossl-leak'));
    expect(ignore).toBeDefined();
    const edits = ignore!.edit!.changes![ignoreUri]!;
    const after = TextDocument.applyEdits(TextDocument.create(ignoreUri, 'c', 1, text), edits);
    expect(after).toBe(text.replace('    SSL_CTX *ctx', '    // osslint-ignore ossl-leak: reason\n    SSL_CTX *ctx'));
    void client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri: ignoreUri, version: 2 }, contentChanges: [{ text: after }] });
    const again = full(await pull(ignoreUri)).items;
    expect(again.map((d) => d.code)).not.toContain('ossl-leak');
    expect(again.map((d) => d.code)).not.toContain('unused-suppression');
    void client.rpc.sendNotification('textDocument/didClose', { textDocument: { uri: ignoreUri } });
  });

  it('offers the real findings\' fixes, and source.fixAll.osslint applies all safe fixes of the document', async () => {
    const items = full(await pull(uri)).items;
    const findings = lint({ path: uri, text: LEAK_C, language: 'c' }).findings;
    const actions: CodeAction[] = await client.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: items },
    });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    expect(quick.filter((a) => a.isPreferred).map((a) => a.title)).toEqual(findings.flatMap((f) => (f.fix ? [f.fix.title] : [])));
    const safe = findings.flatMap((f) => (f.fix ? [f.fix] : []));
    const fixAll = actions.filter((a) => a.kind === 'source.fixAll.osslint');
    if (safe.length === 0) expect(fixAll).toEqual([]);
    else expect(fixAll).toEqual([{ title: 'Fix all safe osslint problems', kind: 'source.fixAll.osslint', edit: { changes: { [uri]: mergeFixes(safe) } } }]);

    const onlyFixAll: CodeAction[] = await client.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(onlyFixAll).toEqual(fixAll);
  });

  it('ignores diagnostics from other sources', async () => {
    const foreign = { ...toDiagnostic(fixed, uri), source: 'clangd' };
    const actions: CodeAction[] = await client.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: foreign.range,
      context: { diagnostics: [foreign], only: ['quickfix'] },
    });
    expect(actions).toEqual([]);
  });
});

describe('merging fixes for fix-all', () => {
  const at = (line: number, character: number) => ({ line, character });
  it('applies identical edits once and skips a fix that overlaps one already taken', () => {
    const include = { range: { start: at(0, 0), end: at(0, 0) }, newText: '#include <stdlib.h>\n' };
    const a = { title: 'a', edits: [include, { range: { start: at(3, 2), end: at(3, 2) }, newText: 'free(p);' }] };
    const b = { title: 'b', edits: [include, { range: { start: at(5, 2), end: at(5, 2) }, newText: 'free(q);' }] };
    const clash = { title: 'c', edits: [{ range: { start: at(5, 0), end: at(5, 9) }, newText: 'x' }] };
    expect(mergeFixes([a, b, clash])).toEqual([include, a.edits[1], b.edits[1]]);
  });
});
