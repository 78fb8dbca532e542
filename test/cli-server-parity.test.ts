// The editor and CI give identical findings: every file of test-fixtures/ and examples/ linted by the built
// CLI (--format json) and pulled from the real language server over in-process streams.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { buildCli, ROOT, runCli } from './helpers/cli';
import { pullDiagnostics, startLspSession, stopLspSession } from './helpers/lsp-session';

interface JsonFile {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
}

const DIRS = ['test-fixtures', 'examples'];

function sourceFiles(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) visit(full);
      else if (/\.(c|h|go)$/.test(name)) out.push(full);
    }
  };
  for (const d of DIRS) visit(path.join(ROOT, d));
  return out;
}

let rpc: MessageConnection;
let cliFindings: Map<string, string[]>;

beforeAll(async () => {
  const cli = await buildCli();
  const run = runCli(cli, ['--format', 'json', '--max-warnings', '-1', ...DIRS]);
  expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
  const files = JSON.parse(run.stdout) as JsonFile[];
  cliFindings = new Map(
    files.map((f) => [path.resolve(ROOT, f.filePath), f.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`).sort()]),
  );
  rpc = await startLspSession(ROOT);
}, 180_000);

afterAll(async () => {
  await stopLspSession(rpc);
});

describe('CLI and language server agree', () => {
  it('on every fixture and example', async () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(30);
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file);
      // The CLI skips binary and non-UTF-8 files (test-fixtures/cli has some); so does this comparison.
      if (text.includes(0) || !isUtf8(text)) continue;
      const uri = pathToFileURL(file).toString();
      const languageId = file.endsWith('.go') ? 'go' : 'c';
      void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: text.toString('utf8') } });
      // The server answers before its project index has read the other files (the CLI reads them first): it
      // agrees once the index has them, a moment later.
      await vi.waitFor(
        async () => {
          const items = await pullDiagnostics(rpc, uri);
          const fromServer = items
            .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.message}`)
            .sort();
          expect(fromServer, path.relative(ROOT, file)).toEqual(cliFindings.get(file) ?? []);
        },
        { timeout: 10_000, interval: 200 },
      );
      void rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
    // Guard against comparing two empty results.
    expect([...cliFindings.values()].reduce((n, f) => n + f.length, 0)).toBeGreaterThan(100);
  });
});

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
