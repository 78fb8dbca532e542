// The built bundles, run the way VS Code runs them. The client starts dist/server.js with
// TransportKind.ipc, i.e. forks it with --node-ipc; here we fork it the same way (from a copy of dist/ alone,
// so the bundle and the .wasm it loads next to itself are all it needs) and speak LSP over the IPC channel.
// Activation inside a real VS Code (extension host) is not covered here.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver';
import { lint } from '../server/src/engine/lint';
import { toDiagnostic } from '../server/src/lsp/convert';
import { initParsing } from '../server/src/parsing/parser';

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const LEAK_C = '#include <openssl/ssl.h>\nint f(void){ SSL_CTX *ctx = SSL_CTX_new(TLS_method()); if (!ctx) return -1; return 0; }\n';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ unless it is newer than every source it is made from (`npm test` has just built it). */
function ensureBuilt(): void {
  const outputs = ['client.js', 'server.js', 'tree-sitter.wasm', 'tree-sitter-c.wasm', 'tree-sitter-go.wasm'].map((f) => join(dist, f));
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  const sources = Math.max(...['server/src', 'client/src', 'rules', 'grammars'].map((d) => newestMtime(join(root, d))), statSync(join(root, 'esbuild.mjs')).mtimeMs);
  if (built < sources) execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
}

let isolated: string;

beforeAll(async () => {
  ensureBuilt();
  isolated = mkdtempSync(join(tmpdir(), 'osslint-dist-'));
  cpSync(dist, join(isolated, 'dist'), { recursive: true });
  await initParsing();
});

afterAll(() => {
  rmSync(isolated, { recursive: true, force: true });
});

interface Session {
  child: ChildProcess;
  rpc: MessageConnection;
  stderr: string[];
}

function connect(child: ChildProcess, rpc: MessageConnection, stderr: string[]): Session {
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.listen();
  return { child, rpc, stderr };
}

/** What the VS Code client does: fork the module with --node-ipc (TransportKind.ipc). */
function forkIpc(): Session {
  const stderr: string[] = [];
  const child = fork(join(isolated, 'dist', 'server.js'), ['--node-ipc'], { cwd: isolated, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  return connect(child, createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), stderr);
}

function spawnStdio(): Session {
  const stderr: string[] = [];
  const child = spawn(process.execPath, [join(isolated, 'dist', 'server.js'), '--stdio'], { cwd: isolated, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  return connect(child, createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), stderr);
}

async function exercise(session: Session): Promise<void> {
  const { rpc, child } = session;
  const init: InitializeResult = await rpc.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { workspaceTrusted: true },
  });
  expect(init.serverInfo?.name).toBe('osslint');
  expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: false });
  await rpc.sendNotification('initialized', {});

  const uri = 'file:///project/leak.c';
  await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 7, text: LEAK_C } });
  const report = (await rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport & { items: Diagnostic[]; resultId: string };
  expect(report.kind).toBe('full');
  expect(report.resultId).toMatch(/^7:/);
  // The bundle answers exactly what the sources' lint() finds (proves grammars and knowledge are in dist/).
  expect(report.items).toEqual(lint({ path: uri, text: LEAK_C, language: 'c' }).findings.map((f) => toDiagnostic(f, uri)));

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await rpc.sendRequest('shutdown');
  await rpc.sendNotification('exit');
  expect(await exited).toBe(0);
  rpc.dispose();
  expect(session.stderr.join('')).not.toMatch(/cannot find|Error/);
}

describe('dist/server.js', () => {
  it('runs over node IPC as the VS Code client starts it (fork --node-ipc), from a copy of dist/ alone', async () => {
    await exercise(forkIpc());
  });

  it('runs over stdio (--stdio) for other editors', async () => {
    await exercise(spawnStdio());
  });
});

describe('dist/client.js', () => {
  const bundle = () => readFileSync(join(dist, 'client.js'), 'utf8');

  it('keeps vscode external and points the client at dist/server.js over IPC', () => {
    const text = bundle();
    expect(text).toMatch(/require\("vscode"\)/);
    expect(text).toContain('"server.js"');
    expect(text).toMatch(/osslint\.restartServer/);
  });

  it('exports activate and deactivate (module shape only, loaded against an inert vscode stand-in)', () => {
    // A stand-in that answers every property with itself; this proves only that the bundle loads and has its
    // entry points, not that VS Code accepts it (a real extension-host run is a separate, later test).
    const inert: unknown = new Proxy(function inert() {}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : inert), apply: () => inert, construct: () => inert as object });
    const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
    (Module as unknown as { _load: typeof load })._load = (request, ...rest) => (request === 'vscode' ? inert : load(request, ...rest));
    try {
      const mod = require(join(dist, 'client.js')) as { activate?: unknown; deactivate?: unknown };
      expect(typeof mod.activate).toBe('function');
      expect(typeof mod.deactivate).toBe('function');
    } finally {
      (Module as unknown as { _load: typeof load })._load = load;
    }
  });
});
