// Reliability under abuse, with a fixed seed so a failure reproduces. FUZZ_RUNS=100000 for a long run by hand.
//  1. lint() on ≥ 10,000 hostile documents (random bytes, truncated and mutated fixtures, token soup, invalid
//     UTF-8, deep nesting, a 5 MB file, a huge function) in both languages: never throws, ends in bounded time.
//  2. The real LSP server over in-process streams under rapid open/change/close: never crashes, never answers
//     for a stale version, and its heap returns near the baseline once everything is closed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collapseNotes } from '../server/src/cli/notes';
import { lint } from '../server/src/engine/lint';
import type { LanguageId } from '../server/src/engine/types';
import { logger } from '../server/src/logger';
import { createServer } from '../server/src/lsp/connection';
import type { OsslintServer } from '../server/src/lsp/server';
import { initParsing } from '../server/src/parsing/parser';

const ROOT = path.resolve(__dirname, '..');
const SEED = 0x05515eed;
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** FUZZ_HEAVY=1: the slow variants (5 MB of real code, identifier-heavy Go nesting). */
const HEAVY = process.env.FUZZ_HEAVY === '1';

/** mulberry32: small, fast, and the same sequence everywhere. */
function prng(seed: number) {
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}
type Rng = ReturnType<typeof prng>;

function sources(dir: string): Array<{ text: string; language: LanguageId }> {
  const out: Array<{ text: string; language: LanguageId }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    if (/\.(c|h)$/.test(entry.name)) out.push({ text: fs.readFileSync(file, 'utf8'), language: 'c' });
    else if (entry.name.endsWith('.go')) out.push({ text: fs.readFileSync(file, 'utf8'), language: 'go' });
  }
  return out;
}

const CORPUS = [...sources(path.join(ROOT, 'test-fixtures')), ...sources(path.join(ROOT, 'examples'))];
const TOKENS = [
  '{', '}', '(', ')', ';', '\n', ' ', '*', '&', '->', '.', ',', '=', '==', '!', 'if', 'else', 'goto err;', 'err:', 'return 0;',
  'return;', 'for (;;)', 'while (x)', 'do', 'switch (x) {', 'case 1:', 'break;', 'continue;', 'func', 'defer', 'go', 'nil',
  'C.CString(s)', 'C.free(unsafe.Pointer(p))', 'SSL_CTX_new(TLS_method())', 'SSL_CTX_free(ctx);', 'ctx', 'p', 'x',
  'free(p);', 'malloc(8)', 'BIO_free(b);', 'b = BIO_new(BIO_s_mem());', 'X509_free(x);', '#define', '#if 0', '#endif',
  '"str', "'c'", '/*', '*/', '//', '\\', '\u0000', '\uFFFD', '🔒', '\r\n', '\t', 'osslint-ignore ossl-leak:',
];

const fromBytes = (rng: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => rng.int(256));
const decoder = new TextDecoder('utf-8'); // not fatal: invalid sequences become U+FFFD, as an editor shows them

function hostileDocument(rng: Rng): { text: string; language: LanguageId } {
  const language: LanguageId = rng.next() < 0.5 ? 'c' : 'go';
  // A window of at most 2,000 characters of a real file keeps 10,000 documents within the CI budget.
  const whole = rng.pick(CORPUS).text;
  const from = whole.length > 2000 && rng.next() < 0.7 ? rng.int(whole.length - 2000) : 0;
  const base = whole.slice(from, from + 2000);
  switch (rng.int(6)) {
    case 0: // random bytes decoded as UTF-8 (mostly invalid)
      return { text: decoder.decode(fromBytes(rng, rng.int(512))), language };
    case 1: // random bytes as Latin-1 (every byte a character, NULs included)
      return { text: Buffer.from(fromBytes(rng, rng.int(512))).toString('latin1'), language };
    case 2: // a real fixture cut anywhere
      return { text: base.slice(0, rng.int(base.length + 1)), language: rng.next() < 0.8 ? languageOf(whole) : language };
    case 3: { // a real fixture with spans deleted, duplicated or replaced by tokens
      let text = base;
      for (let k = 1 + rng.int(8); k > 0; k--) {
        const at = rng.int(text.length + 1);
        const len = rng.int(40);
        const op = rng.int(3);
        if (op === 0) text = text.slice(0, at) + text.slice(at + len);
        else if (op === 1) text = text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
        else text = text.slice(0, at) + rng.pick(TOKENS) + text.slice(at + len);
      }
      return { text, language: rng.next() < 0.8 ? languageOf(whole) : language };
    }
    case 4: // token soup
      return { text: Array.from({ length: rng.int(200) }, () => rng.pick(TOKENS)).join(rng.next() < 0.5 ? ' ' : ''), language };
    default: { // invalid UTF-8 spliced into a fixture
      const bytes = Buffer.from(base, 'utf8');
      for (let k = 1 + rng.int(5); k > 0 && bytes.length; k--) bytes[rng.int(bytes.length)] = 0x80 + rng.int(0x80);
      return { text: decoder.decode(bytes), language: languageOf(whole) };
    }
  }
}

function languageOf(text: string): LanguageId {
  return /^package \w+/m.test(text) ? 'go' : 'c';
}

beforeAll(async () => {
  await initParsing();
});

describe('lint() under hostile input', () => {
  // In four parts so each stays well inside the per-test timeout; one generator, so the sequence is fixed.
  const rng = prng(SEED);
  let findings = 0;
  const PART = Math.ceil(RUNS / 4);
  for (let part = 0; part < 4; part++) {
  it(`never throws on seeded documents ${part * PART + 1}–${Math.min(RUNS, (part + 1) * PART)} of ${RUNS} in both languages`, () => {
    for (let i = part * PART; i < Math.min(RUNS, (part + 1) * PART); i++) {
      const doc = hostileDocument(rng);
      let result;
      try {
        result = lint({ path: `fuzz${i}.${doc.language}`, ...doc });
      } catch (err) {
        throw new Error(`document ${i} (seed ${SEED}, ${doc.language}) made lint() throw: ${(err as Error).message}\n${JSON.stringify(doc.text.slice(0, 500))}`);
      }
      findings += result.findings.length;
    }
    // The mutated fixtures still contain real bugs: the analysis ran, it did not just bail out.
    expect(findings).toBeGreaterThan(0);
  });
  }

  for (const language of ['c', 'go'] as const) {
    it(`survives 10,000 levels of nested blocks (${language})`, () => {
      const depth = 10_000;
      const c = `int f(int x) {\n${'if (x) {\n'.repeat(depth)}x++;\n${'}\n'.repeat(depth)}return 0;\n}\n`;
      // Conditions without identifiers: with one identifier per level the Go summaries take minutes (each
      // tree-sitter `.parent` walks down from the root; see HEAVY below), which is a speed problem, not a crash.
      const cond = HEAVY ? 'x > 0' : 'true';
      const go = `package p\nfunc f(x int) int {\n${`if ${cond} {\n`.repeat(depth)}x++\n${'}\n'.repeat(depth)}return x\n}\n`;
      const braces = `int g(void) {${'{'.repeat(depth)}${'}'.repeat(depth)}}\n`;
      for (const text of language === 'c' ? [c, braces] : [go]) expect(() => lint({ path: 'deep', text, language })).not.toThrow();
    });

    it(`lints a 5 MB file (${language})`, () => {
      // CI mode: a generated table (as in real crypto code) around two real functions; HEAVY: 5 MB of fixtures,
      // which takes minutes at today's analysis speed.
      const fixtures = CORPUS.filter((d) => d.language === language).map((d) => d.text);
      const row = `${Array.from({ length: 16 }, (_, i) => `0x${((i * 37) & 0xff).toString(16).padStart(2, '0')}`).join(', ')},\n`;
      const table = row.repeat(Math.ceil((5 * 1024 * 1024) / row.length));
      const text = HEAVY
        ? fixtures.join('\n').repeat(Math.ceil((5 * 1024 * 1024) / fixtures.join('\n').length))
        : language === 'c'
          ? `${fixtures[0]}\nstatic const unsigned char table[] = {\n${table}};\n${fixtures[1] ?? ''}`
          : `package p\n\nvar table = []byte{\n${table}}\n\n${(fixtures[0] ?? '').replace(/^package \w+/m, '')}`;
      expect(text.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
      expect(() => lint({ path: `big.${language}`, text, language })).not.toThrow();
    });
  }

  it('ends a 20,000-branch function in bounded time, noting once that it was skipped', () => {
    const ifs = Array.from({ length: 20_000 }, (_, i) => `    if (argc > ${i}) n += ${i};\n`).join('');
    const text =
      `#include <openssl/ssl.h>\nint huge(int argc)\n{\n    int n = 0;\n    SSL_CTX *ctx = SSL_CTX_new(TLS_method());\n` +
      `    BIO *bio = BIO_new(BIO_s_mem());\n${ifs}    if (!ctx) return -1;\n    return n;\n}\n` +
      `int small(void)\n{\n    SSL_CTX *ctx = SSL_CTX_new(TLS_method());\n    return 0;\n}\n`;
    const start = Date.now();
    const result = lint({ path: 'huge.c', text, language: 'c' });
    // Generous: this bounds a hang, it does not measure speed.
    expect(Date.now() - start).toBeLessThan(30_000);
    const notes = collapseNotes(result.notes);
    const aboutHuge = notes.filter((n) => n.startsWith('huge:'));
    expect(aboutHuge.length).toBeLessThanOrEqual(1);
    if (result.notes.some((n) => /budget/.test(n))) expect(aboutHuge).toEqual([expect.stringMatching(/^huge: skipped, the function exceeds the analysis budget/)]);
    // The small function after it is still analysed.
    expect(result.findings.some((f) => f.range.start.line === text.split('\n').findIndex((l) => l.includes('int small')) + 2)).toBe(true);
  });
});

// ── the language server ──────────────────────────────────────────────────────────────────────────────────

interface Client {
  rpc: MessageConnection;
  server: OsslintServer;
}

function startServer(): Client {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = createServer(connection);
  connection.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.onNotification('window/showMessage', () => undefined);
  rpc.onRequest('window/showMessageRequest', () => null);
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onRequest('workspace/diagnostic/refresh', () => null);
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  rpc.listen();
  return { rpc, server };
}

/** A collector when V8 lets us have one (vitest runs without --expose-gc): the flag can be set at run time. */
function collector(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
}

describe('language server under rapid edits', () => {
  let client: Client;

  beforeAll(async () => {
    client = startServer();
    await client.rpc.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {} } },
    });
    void client.rpc.sendNotification('initialized', {});
  });

  afterAll(async () => {
    await client.rpc.sendRequest('shutdown');
    client.rpc.dispose();
    logger.setSink(undefined);
  });

  it('never crashes or answers for a stale version, and releases memory after closing', async () => {
    const rng = prng(SEED ^ 0xbeef);
    const gc = collector();
    const pull = (uri: string) => client.rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<DocumentDiagnosticReport>;

    // Warm up once (parsers, knowledge, JIT) before taking the baseline.
    void client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///warm.c', languageId: 'c', version: 1, text: CORPUS[0]!.text } });
    await pull('file:///warm.c');
    void client.rpc.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///warm.c' } });
    const baseline = await settledHeap(gc);

    const ROUNDS = Math.max(20, Math.floor(RUNS / 100));
    const open = new Map<string, { version: number; text: string }>();
    let pulls = 0;
    let checked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const pending: Array<Promise<void>> = [];
      for (let step = 0; step < 25; step++) {
        const uri = `file:///doc${rng.int(8)}.${rng.next() < 0.7 ? 'c' : 'go'}`;
        const doc = open.get(uri);
        const action = rng.int(10);
        if (!doc) {
          const text = hostileDocument(rng).text;
          open.set(uri, { version: 1, text });
          void client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: uri.endsWith('.go') ? 'go' : 'c', version: 1, text } });
        } else if (action < 6) {
          // Ranged edit (incremental reparse) or full replacement.
          doc.version++;
          if (rng.next() < 0.7) {
            // The client's copy goes through the same TextDocument model the server uses (CRLF, surrogates).
            const model = TextDocument.create(uri, 'c', doc.version - 1, doc.text);
            const at = rng.int(doc.text.length + 1);
            const end = Math.min(doc.text.length, at + rng.int(20));
            const insert = rng.pick(TOKENS);
            const range = { start: model.positionAt(at), end: model.positionAt(end) };
            doc.text = TextDocument.update(model, [{ range, text: insert }], doc.version).getText();
            void client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ range, text: insert }] });
          } else {
            doc.text = hostileDocument(rng).text;
            void client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text: doc.text }] });
          }
        } else if (action < 9) {
          const sentVersion = doc.version;
          const sentText = doc.text;
          pulls++;
          pending.push(
            pull(uri).then((report) => {
              if (report.kind !== 'full') return;
              const stillOpen = open.get(uri);
              if (!report.resultId) {
                // Only a closed document is answered without a result id (empty).
                expect(report.items).toEqual([]);
                return;
              }
              const version = Number(report.resultId.split(':')[0]);
              // Requests are handled in order: the answer is for the version sent before it, or a newer one.
              expect(version).toBeGreaterThanOrEqual(sentVersion);
              if (version === sentVersion && stillOpen) {
                checked++;
                const language: LanguageId = uri.endsWith('.go') ? 'go' : 'c';
                const expected = lint({ path: uri, text: sentText, language }).findings;
                expect(report.items.map((d: Diagnostic) => [d.code, d.range.start.line])).toEqual(expected.map((f) => [f.ruleId, f.range.start.line]));
              }
            }),
          );
        } else {
          open.delete(uri);
          void client.rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }
      }
      await Promise.all(pending);
    }
    for (const uri of open.keys()) void client.rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
    open.clear();

    // Still alive and answering.
    const alive = await pull('file:///never-opened.c');
    expect(alive).toMatchObject({ kind: 'full', items: [] });
    expect(pulls).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(10);
    expect(client.server.store.documents.all()).toEqual([]);

    const after = await settledHeap(gc);
    // Slack for JIT code, caches and allocator noise; a leak of the documents or results would be far more.
    expect(after - baseline, `heap grew from ${baseline} to ${after} bytes`).toBeLessThan(24 * 1024 * 1024);
  });
});
