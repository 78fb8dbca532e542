// The AddressSanitizer harness, for real: gcc, libssl-dev and go must be installed (a missing tool fails the
// suite, it is not skipped). Every `ruleid` line of test-fixtures/harness is a true finding that must be
// confirmed; every `ok` line is a correct twin's acquisition, run through the same plans as if it had been
// reported, and must never be confirmed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../server/src/engine/lint';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, LanguageId } from '../server/src/engine/types';
import { confirmFinding, type HarnessResult } from '../server/src/harness/index';
import { findConfirmingReport, parseFrame, parseSanitizerOutput } from '../server/src/harness/report';
import { initParsing } from '../server/src/parsing/parser';
import { parseAnnotations } from './helpers/annotations';

const FIXTURES = path.resolve(__dirname, '..', 'test-fixtures', 'harness');
const FILES = ['c-lifecycle.c', 'go/cgo.go'];

interface Case {
  file: string;
  language: LanguageId;
  text: string;
  line: number;
  ruleId: string;
  expectConfirmed: boolean;
  finding: Finding;
}

function requireTool(cmd: string, args: string[], install: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} is required by the harness tests: ${install}`);
}

/** A finding placed on the first call of `line` (for the twins, which the linter rightly does not report). */
function syntheticFinding(text: string, line: number, ruleId: string): Finding {
  const lineText = text.split('\n')[line]!;
  const m = /=\s*((?:C\.)?\w+\()/.exec(lineText)!;
  const character = m.index + m[0].indexOf(m[1]!);
  return { ruleId, messageId: 'synthetic', message: 'twin', severity: 'warning', range: { start: { line, character }, end: { line, character: lineText.length } }, related: [] };
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const file of FILES) {
    const full = path.join(FIXTURES, file);
    const text = fs.readFileSync(full, 'utf8');
    const language: LanguageId = file.endsWith('.go') ? 'go' : 'c';
    const findings = lint({ path: full, text, language }).findings;
    for (const a of parseAnnotations(text)) {
      if (a.mark === 'ruleid') {
        const finding = findings.find((f) => f.range.start.line === a.line && f.ruleId === a.ruleId);
        if (!finding) throw new Error(`${file}:${a.line + 1}: the linter no longer reports ${a.ruleId}`);
        out.push({ file: full, language, text, line: a.line, ruleId: a.ruleId, expectConfirmed: true, finding });
      } else if (a.mark === 'ok') {
        out.push({ file: full, language, text, line: a.line, ruleId: a.ruleId, expectConfirmed: false, finding: syntheticFinding(text, a.line, a.ruleId) });
      }
    }
  }
  return out;
}

async function pool<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
    }),
  );
  return out;
}

let all: Case[];
let results: HarnessResult[];

beforeAll(async () => {
  requireTool('gcc', ['--version'], 'apt-get install gcc libssl-dev');
  requireTool('go', ['version'], 'apt-get install golang-go');
  await initParsing();
  all = cases();
  // Go cases first: their builds are the slowest.
  const order = [...all.keys()].sort((a, b) => (all[b]!.language === 'go' ? 1 : 0) - (all[a]!.language === 'go' ? 1 : 0));
  const ordered = await pool(order, 2, (i) => {
    const c = all[i]!;
    return confirmFinding({ path: c.file, text: c.text, language: c.language, finding: c.finding, timeoutMs: 60_000 });
  });
  results = new Array(all.length);
  order.forEach((caseIndex, k) => (results[caseIndex] = ordered[k]!));
  const rows = all.map((c, i) => `${path.basename(c.file)}:${c.line + 1} ${c.ruleId} ${c.expectConfirmed ? 'bug ' : 'twin'} → ${results[i]!.verdict} (${results[i]!.durationMs} ms) ${results[i]!.plan ?? ''}`);
  process.stderr.write(`harness results:\n  ${rows.join('\n  ')}\n`);
}, 170_000);

describe('AddressSanitizer harness on the fixtures', () => {
  it('confirms at least 80% of the true findings of every rule', () => {
    const byRule = new Map<string, { confirmed: number; total: number }>();
    all.forEach((c, i) => {
      if (!c.expectConfirmed) return;
      const s = byRule.get(c.ruleId) ?? { confirmed: 0, total: 0 };
      s.total++;
      if (results[i]!.verdict === 'confirmed') s.confirmed++;
      byRule.set(c.ruleId, s);
    });
    expect([...byRule.keys()].sort()).toEqual(['cgo-free', 'double-free', 'mem-leak', 'ossl-leak', 'use-after-free']);
    for (const [rule, s] of byRule) expect(s.confirmed / s.total, `${rule}: ${s.confirmed}/${s.total}`).toBeGreaterThanOrEqual(0.8);
  });

  it('never confirms a correct twin', () => {
    const twins = all.map((c, i) => ({ c, r: results[i]! })).filter(({ c }) => !c.expectConfirmed);
    expect(twins.length).toBeGreaterThanOrEqual(8);
    for (const { c, r } of twins) expect(r.verdict, `${path.basename(c.file)}:${c.line + 1}: ${r.detail}`).not.toBe('confirmed');
    // They built and ran: a twin that never ran would prove nothing.
    for (const { r } of twins) expect(r.verdict).toBe('not-reproduced');
  });

  it('points the confirmed verdict at the acquisition in the user file', () => {
    all.forEach((c, i) => {
      const r = results[i]!;
      if (!c.expectConfirmed || r.verdict !== 'confirmed' || c.language !== 'c') return;
      expect(r.frames.some((f) => f.file === c.file && f.line === c.line + 1), `${c.line + 1}: ${JSON.stringify(r.frames)}`).toBe(true);
      expect(r.detail).toMatch(/leak|double-free|use-after-free/);
    });
  });

  it('reports a build failure with the compiler first error', async () => {
    const text = '#include <openssl/ssl.h>\nint broken(void) { SSL_CTX *ctx = SSL_CTX_new(TLS_method()); return undefined_symbol_here; }\n';
    const finding = syntheticFinding(text, 1, 'ossl-leak');
    const r = await confirmFinding({ path: path.join(FIXTURES, 'broken.c'), text, language: 'c', finding, timeoutMs: 30_000 });
    expect(r.verdict).toBe('build-failed');
    expect(r.detail).toMatch(/undefined_symbol_here/);
  });

  it('stops at the time limit', async () => {
    const text = '#include <stdlib.h>\n#include <unistd.h>\nvoid slow(void) { char *p = malloc(4); sleep(30); free(p); }\n';
    const finding = syntheticFinding(text, 2, 'mem-leak');
    const r = await confirmFinding({ path: path.join(FIXTURES, 'slow.c'), text, language: 'c', finding, timeoutMs: 3_000 });
    expect(r.verdict).toBe('timed-out');
    expect(r.durationMs).toBeLessThan(10_000);
  });
});

describe('sanitizer report parser', () => {
  const LEAK = `
=================================================================
==123==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 136 byte(s) in 1 object(s) allocated from:
    #0 0x7f3b2f4b89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
    #1 0x7f3b2f0347a8 in CRYPTO_zalloc (/lib/x86_64-linux-gnu/libcrypto.so.3+0x2347a8)
    #2 0x7f3b2ef12010 in BIO_new_file (/lib/x86_64-linux-gnu/libcrypto.so.3+0x112010)
    #3 0x558f76f902e1 in goto_leak /tmp/h/user.c:13:16
    #4 0x558f76f90ab2 in main /tmp/h/driver.c:3

Indirect leak of 56 byte(s) in 1 object(s) allocated from:
    #0 0x7f3b2f4b89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
    #1 0x558f76f902e1 in other /tmp/h/user.c:40

SUMMARY: AddressSanitizer: 192 byte(s) leaked in 2 allocation(s).
`;
  const DOUBLE_FREE = `==9==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:
    #0 0x7f in __interceptor_free ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:52
    #1 0x55 in twice /tmp/h/user.c:10
0x602000000010 is located 0 bytes inside of 4-byte region [0x602000000010,0x602000000014)
freed by thread T0 here:
    #0 0x7f in __interceptor_free ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:52
    #1 0x55 in twice /tmp/h/user.c:9
previously allocated by thread T0 here:
    #0 0x7f in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
    #1 0x55 in twice /tmp/h/user.c:6
SUMMARY: AddressSanitizer: double-free ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:52 in __interceptor_free
`;
  const UAF = `==7==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x1 bp 0x2 sp 0x3
READ of size 1 at 0x602000000010 thread T0
    #0 0x55 in late /tmp/h/user.c:20
freed by thread T0 here:
    #0 0x7f in __interceptor_free ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:52
    #1 0x55 in late /tmp/h/user.c:19
previously allocated by thread T0 here:
    #0 0x7f in __interceptor_calloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:77
    #1 0x55 in late /tmp/h/user.c:16
SUMMARY: AddressSanitizer: heap-use-after-free /tmp/h/user.c:20 in late
`;
  const at = (line: number) => (frames: Array<{ file?: string; line?: number }>) => frames.some((f) => f.file === '/tmp/h/user.c' && f.line === line);

  it('parses frames with and without debug info', () => {
    expect(parseFrame('    #3 0x558f76f902e1 in goto_leak /tmp/h/user.c:13:16')).toEqual({ index: 3, func: 'goto_leak', file: '/tmp/h/user.c', line: 13, column: 16 });
    expect(parseFrame('    #1 0x7f3b2f0347a8 in CRYPTO_zalloc (/lib/x86_64-linux-gnu/libcrypto.so.3+0x2347a8)')).toEqual({ index: 1, func: 'CRYPTO_zalloc', module: '/lib/x86_64-linux-gnu/libcrypto.so.3+0x2347a8' });
    expect(parseFrame('    #1 0x4e766b in _cgo_0c4dc2bfc832_Cfunc__Cmalloc /tmp/go-build/_cgo_export.c:30')?.func).toBe('_cgo_0c4dc2bfc832_Cfunc__Cmalloc');
  });

  it('splits a leak report into one report per leak', () => {
    const reports = parseSanitizerOutput(LEAK);
    expect(reports.map((r) => r.kind)).toEqual(['leak', 'leak']);
    expect(reports[0]!.stacks[0]!.frames).toHaveLength(5);
    expect(findConfirmingReport(reports, 'ossl-leak', at(13))?.title).toMatch(/^Direct leak of 136/);
    expect(findConfirmingReport(reports, 'ossl-leak', at(14))).toBeUndefined();
    // A leak does not confirm a double free.
    expect(findConfirmingReport(reports, 'double-free', at(13))).toBeUndefined();
  });

  it('reads the allocation stack of a double free and a use after free', () => {
    const df = parseSanitizerOutput(DOUBLE_FREE);
    expect(df[0]!.kind).toBe('double-free');
    expect(df[0]!.stacks.map((s) => s.role)).toEqual(['error', 'freed', 'allocated']);
    expect(findConfirmingReport(df, 'double-free', at(6))).toBeDefined();
    expect(findConfirmingReport(df, 'double-free', at(9))).toBeUndefined(); // the free is not the acquisition
    const uaf = parseSanitizerOutput(UAF);
    expect(uaf[0]!.kind).toBe('use-after-free');
    expect(findConfirmingReport(uaf, 'use-after-free', at(16))).toBeDefined();
    expect(findConfirmingReport(uaf, 'ossl-leak', at(16))).toBeUndefined();
  });

  it('finds nothing in clean output', () => {
    expect(parseSanitizerOutput('hello\nworld\n')).toEqual([]);
  });
});

describe('LSP: Confirm with AddressSanitizer', () => {
  const LEAK_C = `#include <openssl/ssl.h>
int make_context(const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (ctx == NULL)
        return -1;
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        return -1;
    SSL_CTX_free(ctx);
    return 0;
}
`;

  async function startServer(trusted: boolean) {
    const { PassThrough } = await import('node:stream');
    const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node');
    const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
    const { createServer } = await import('../server/src/lsp/connection');
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    createServer(serverConnection);
    serverConnection.listen();
    const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const progress: string[] = [];
    let refreshes = 0;
    rpc.onRequest('window/workDoneProgress/create', () => null);
    rpc.onNotification('$/progress', (p: { value: { kind: string } }) => void progress.push(p.value.kind));
    rpc.onRequest('workspace/diagnostic/refresh', () => void refreshes++);
    rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ confirm: { timeoutSeconds: 60 } })));
    rpc.onRequest('client/registerCapability', () => null);
    rpc.onRequest('window/showMessageRequest', () => null);
    rpc.onNotification('window/logMessage', () => undefined);
    rpc.onNotification('window/showMessage', () => undefined);
    rpc.listen();
    const init = await rpc.sendRequest<{ capabilities: { executeCommandProvider?: { commands: string[] } } }>('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: null,
      initializationOptions: { workspaceTrusted: trusted },
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
    });
    void rpc.sendNotification('initialized', {});
    return { rpc, init, progress, refreshes: () => refreshes, dispose: () => rpc.dispose() };
  }

  const uri = `file://${path.join(FIXTURES, 'lsp-leak.c')}`;

  it('offers the action, runs the harness, and shows the verdict on the diagnostic until the text changes', async () => {
    const s = await startServer(true);
    try {
      expect(s.init.capabilities.executeCommandProvider?.commands).toContain('osslint.confirm');
      void s.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: LEAK_C } });
      const first = await s.rpc.sendRequest<{ items: Diagnostic[]; resultId: string }>('textDocument/diagnostic', { textDocument: { uri } });
      const leak = first.items.find((d) => d.code === 'ossl-leak')!;
      expect(leak).toBeDefined();
      const actions = await s.rpc.sendRequest<Array<{ title: string; command?: { command: string; arguments: unknown[] }; disabled?: unknown }>>('textDocument/codeAction', {
        textDocument: { uri },
        range: leak.range,
        context: { diagnostics: [leak] },
      });
      const confirm = actions.find((a) => a.title === 'Confirm with AddressSanitizer')!;
      expect(confirm?.disabled).toBeUndefined();
      const result = await s.rpc.sendRequest<{ verdict: string; driver?: string }>('workspace/executeCommand', { command: confirm.command!.command, arguments: confirm.command!.arguments });
      expect(result.verdict).toBe('confirmed');
      expect(s.progress).toEqual(expect.arrayContaining(['begin', 'end']));
      expect(s.refreshes()).toBeGreaterThan(0);
      const after = await s.rpc.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      expect(after.kind).toBe('full');
      const shown = after.items.find((d) => d.code === 'ossl-leak')!;
      expect(shown.message).toMatch(/ — confirmed by AddressSanitizer$/);
      expect(shown.relatedInformation?.some((r) => r.location.uri === uri && r.location.range.start.line === leak.range.start.line)).toBe(true);
      // "Open harness" is offered once a harness exists.
      const again = await s.rpc.sendRequest<Array<{ title: string; command?: { arguments: string[] } }>>('textDocument/codeAction', { textDocument: { uri }, range: leak.range, context: { diagnostics: [shown] } });
      const open = again.find((a) => a.title === 'Open AddressSanitizer harness');
      expect(open?.command?.arguments[0]).toBe(result.driver);
      // An edit drops the verdict.
      void s.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${LEAK_C}\n` }] });
      const edited = await s.rpc.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      expect(edited.items.find((d) => d.code === 'ossl-leak')!.message).not.toMatch(/AddressSanitizer/);
      await s.rpc.sendRequest('shutdown');
      expect(fs.existsSync(result.driver!)).toBe(false);
    } finally {
      s.dispose();
    }
  }, 90_000);

  it('is disabled in an untrusted workspace', async () => {
    const s = await startServer(false);
    try {
      void s.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: LEAK_C } });
      const first = await s.rpc.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      const leak = first.items.find((d) => d.code === 'ossl-leak')!;
      const actions = await s.rpc.sendRequest<Array<{ title: string; command?: { command: string; arguments: unknown[] }; disabled?: { reason: string } }>>('textDocument/codeAction', {
        textDocument: { uri },
        range: leak.range,
        context: { diagnostics: [leak] },
      });
      const confirm = actions.find((a) => a.title === 'Confirm with AddressSanitizer')!;
      expect(confirm.disabled?.reason).toMatch(/untrusted/);
      const result = await s.rpc.sendRequest<{ verdict: string }>('workspace/executeCommand', { command: confirm.command!.command, arguments: confirm.command!.arguments });
      expect(result.verdict).toBe('disabled');
    } finally {
      s.dispose();
    }
  });
});

describe('CLI --confirm', () => {
  it('puts the verdict in SARIF result.properties', async () => {
    const { buildCli, runCli } = await import('./helpers/cli');
    const cli = await buildCli();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-confirm-cli-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'leak.c'),
        '#include <openssl/ssl.h>\nint make_context(void)\n{\n    SSL_CTX *ctx = SSL_CTX_new(TLS_method());\n    if (!ctx)\n        return -1;\n    return 0;\n}\n',
      );
      const run = runCli(cli, ['leak.c', '--format', 'sarif', '--confirm', '--confirm-timeout', '60', '--jobs', '1'], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; properties?: Record<string, string> }> }> };
      const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'ossl-leak')!;
      expect(result.properties?.confirmation).toBe('confirmed');
      expect(result.properties?.confirmationDetail).toMatch(/leak of \d+ byte/);
      expect(run.stderr).toMatch(/confirmed 1 of 1 findings/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
