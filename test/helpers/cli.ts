// Builds and runs the real CLI bundle for test/cli.test.ts and test/sarif.test.ts.
// With esbuild.mjs present it runs it when dist/cli.js is missing or older than the sources; otherwise it
// bundles server/src/cli.ts into a temporary directory with the .wasm files beside it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI_FIXTURES = path.join(ROOT, 'test-fixtures', 'cli');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

let built: string | undefined;

/** Path of a fresh CLI bundle (built once per test file). */
export async function buildCli(): Promise<string> {
  // OSSLINT_CLI=path/to/cli.js tests an already built bundle (e.g. an installed package).
  if (process.env.OSSLINT_CLI) return path.resolve(process.env.OSSLINT_CLI);
  built ??= fs.existsSync(path.join(ROOT, 'esbuild.mjs')) ? await buildWithProjectScript() : await buildFallback();
  return built;
}

export function runCli(cli: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const res = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Newest modification time under the inputs of the bundle. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['server/src', 'rules', 'grammars', 'esbuild.mjs', 'package.json']) visit(path.join(ROOT, p));
  return newest;
}

async function buildWithProjectScript(): Promise<string> {
  const out = path.join(ROOT, 'dist', 'cli.js');
  const fresh = () => fs.existsSync(out) && fs.statSync(out).mtimeMs >= newestSource();
  if (fresh()) return out;
  // Test files run in parallel processes: one builds, the others wait for it.
  const lock = path.join(os.tmpdir(), `osslint-build-${Buffer.from(ROOT).toString('hex').slice(-32)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 180_000) fs.rmdirSync(lock); // stale
      } catch {
        // gone meanwhile
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!fresh()) {
      const res = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`node esbuild.mjs failed:\n${res.stdout}${res.stderr}`);
    }
  } finally {
    fs.rmdirSync(lock);
  }
  return out;
}

async function buildFallback(): Promise<string> {
  const esbuild = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-cli-test-'));
  const out = path.join(dir, 'cli.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
    plugins: [
      {
        // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have.
        name: 'web-tree-sitter-cjs',
        setup(b) {
          b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(ROOT, 'node_modules/web-tree-sitter/tree-sitter.cjs') }));
        },
      },
    ],
  });
  for (const f of ['node_modules/web-tree-sitter/tree-sitter.wasm', 'grammars/tree-sitter-c.wasm', 'grammars/tree-sitter-go.wasm']) {
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, path.basename(f)));
  }
  return out;
}

/** 1-based number of the line after the first line containing `marker` (fixture annotations). */
export function lineAfter(file: string, marker: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`${file}: no line contains ${JSON.stringify(marker)}`);
  return i + 2;
}

/** 1-based UTF-16 column of `needle` on 1-based `line` of `file`. */
export function columnOf(file: string, line: number, needle: string): number {
  const text = fs.readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${file}:${line}: ${JSON.stringify(needle)} not found`);
  return i + 1;
}

/** A scratch copy of test-fixtures/cli (plus extra files) for scenarios that add or change files. */
export function scratchCopy(extra: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-cli-case-'));
  fs.cpSync(CLI_FIXTURES, dir, { recursive: true });
  for (const [rel, content] of Object.entries(extra)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}
