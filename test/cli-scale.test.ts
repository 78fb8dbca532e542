// The CLI at CI scale, run as CI runs it (node dist/cli.js in a child process): the worker pool gives what
// in-process linting gives, the cache is used and invalidated, and a baseline survives line shifts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildCli, runCli } from './helpers/cli';

let cli: string;
const osslint = (args: readonly string[], cwd: string = ROOT) => runCli(cli, args, { cwd });

beforeAll(async () => {
  // A private copy of the bundle: dist/ may be rebuilt by a concurrent build while this file runs, and a new
  // build rightly invalidates the cache (its identity includes a hash of the bundle).
  const built = await buildCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-scale-cli-'));
  for (const name of fs.readdirSync(path.dirname(built))) {
    if (/^(cli|cli-worker)\.js$|\.wasm$/.test(name)) fs.copyFileSync(path.join(path.dirname(built), name), path.join(dir, name));
  }
  cli = path.join(dir, path.basename(built));
});

/** A scratch working directory holding a copy of examples/ (under examples/) plus `extra` files. */
function scratch(extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-scale-'));
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  for (const [rel, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, rel), text);
  return dir;
}

function sarif(stdout: string): Sarif.Result[] {
  return (JSON.parse(stdout) as Sarif.Log).runs[0]!.results ?? [];
}

const LEAK = `#include <openssl/ssl.h>
int make_context(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    return 0;
}
`;

describe('--jobs', () => {
  for (const format of ['json', 'sarif', 'text', 'github']) {
    it(`gives the same ${format} report and warnings with a worker pool as in-process`, () => {
      const args = ['test-fixtures', 'examples', '--format', format];
      const one = osslint([...args, '--jobs', '1']);
      const many = osslint([...args, '--jobs', '3']);
      expect(one.status).not.toBe(2);
      expect(one.stdout.length).toBeGreaterThan(0);
      expect(many.status).toBe(one.status);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    });
  }

  it('rejects a bad --jobs with one usage line', () => {
    const res = osslint(['examples', '--jobs', '0']);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^osslint: error: --jobs expects/)]);
  });
});

describe('--cache', () => {
  it('reuses results of unchanged files and recomputes after a content or configuration change', () => {
    const dir = scratch({ 'leak.c': LEAK });
    const first = osslint(['leak.c', '--cache', '-f', 'json'], dir);
    const cacheFile = path.join(dir, '.osslint-cache');
    expect(fs.existsSync(cacheFile)).toBe(true);
    expect(first.stdout).toContain('SSL_CTX_new');

    // Plant a marker in the cached result: a second run that prints it was answered from the cache.
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { files: Record<string, { result: { findings: Array<{ message: string }> } }> };
    const entry = data.files[path.join(dir, 'leak.c')]!;
    entry.result.findings[0]!.message = 'FROM THE CACHE';
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    const hit = osslint(['leak.c', '--cache', '-f', 'json'], dir);
    expect(hit.stdout).toContain('FROM THE CACHE');
    expect(hit.stderr).toBe('');

    // Other rule settings: the configuration hash differs, everything is linted again.
    const otherConfig = osslint(['leak.c', '--cache', '-f', 'json', '--rule', 'mem-leak=error'], dir);
    expect(otherConfig.stdout).not.toContain('FROM THE CACHE');
    expect(otherConfig.stdout).toContain('SSL_CTX_new');

    // Same configuration as the first run again, but the file changed: its entry is stale.
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    fs.writeFileSync(path.join(dir, 'leak.c'), `/* edited */\n${LEAK}`);
    const changed = osslint(['leak.c', '--cache', '-f', 'json'], dir);
    expect(changed.stdout).not.toContain('FROM THE CACHE');
    expect(changed.stdout).toBe(osslint(['leak.c', '-f', 'json'], dir).stdout);
  });

  it('ignores a corrupt cache file with one warning and replaces it', () => {
    const dir = scratch();
    const clean = osslint(['examples', '-f', 'json', '--jobs', '1'], dir);
    const cacheFile = path.join(dir, 'my-cache.json');
    for (const junk of ['{"format": "osslint-cache/v1", "files": [', '\u0000\u00ff garbage', '[1, 2, 3]']) {
      fs.writeFileSync(cacheFile, junk);
      const res = osslint(['examples', '-f', 'json', '--cache', '--cache-location', 'my-cache.json'], dir);
      expect(res.status).toBe(clean.status);
      expect(res.stdout).toBe(clean.stdout);
      const warnings = res.stderr.split('\n').filter(Boolean);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^osslint: warning: my-cache\.json: the cache file is corrupt/);
      // Replaced with a valid cache: the next run is silent.
      expect(() => JSON.parse(fs.readFileSync(cacheFile, 'utf8'))).not.toThrow();
      expect(osslint(['examples', '-f', 'json', '--cache', '--cache-location', 'my-cache.json'], dir).stderr).toBe('');
    }
  });
});

describe('--baseline', () => {
  it('keeps recorded findings "unchanged" across line shifts; a new finding is "new" and fails the run', () => {
    const dir = scratch({ 'leak.c': LEAK });
    const write = osslint(['.', '--baseline-write', 'baseline.json', '-f', 'sarif'], dir);
    expect(write.status).not.toBe(2);
    const recorded = sarif(write.stdout);
    expect(recorded.length).toBeGreaterThan(2);
    for (const r of recorded) expect(r.partialFingerprints?.['osslint/v1']).toMatch(/^[0-9a-f]{32}$/);

    // Shift every finding: blank lines and a comment at the top of every file, and reindent the leak.
    for (const file of ['leak.c', 'examples/tls_client.c', 'examples/cgo_digest.go']) {
      const p = path.join(dir, file);
      let text = fs.readFileSync(p, 'utf8');
      if (file === 'leak.c') text = text.replace('    SSL_CTX *ctx', '        SSL_CTX   *ctx');
      fs.writeFileSync(p, `\n\n// moved down by a license header\n\n${text}`);
    }
    const shifted = osslint(['.', '--baseline', 'baseline.json', '-f', 'sarif'], dir);
    expect(shifted.status, shifted.stderr).toBe(0);
    const results = sarif(shifted.stdout);
    expect(results.map((r) => r.partialFingerprints)).toEqual(recorded.map((r) => r.partialFingerprints));
    expect(results.map((r) => r.baselineState)).toEqual(recorded.map(() => 'unchanged'));
    expect(results.map((r) => r.locations![0]!.physicalLocation!.region!.startLine)).toEqual(
      recorded.map((r) => r.locations![0]!.physicalLocation!.region!.startLine! + 4),
    );
    // The text report lists only new findings: none.
    expect(osslint(['.', '--baseline', 'baseline.json'], dir).stdout).toBe('');

    // A second leak, in a new function of the same file: new, reported, and it fails --max-warnings 0.
    fs.appendFileSync(path.join(dir, 'leak.c'), LEAK.replace('#include <openssl/ssl.h>\n', '').replace('make_context', 'make_another'));
    const grown = osslint(['.', '--baseline', 'baseline.json', '-f', 'sarif', '--max-warnings', '0'], dir);
    expect(grown.status).toBe(1);
    const states = sarif(grown.stdout).map((r) => r.baselineState);
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
    expect(states.filter((s) => s === 'unchanged')).toHaveLength(recorded.length);
    const text = osslint(['.', '--baseline', 'baseline.json'], dir);
    expect(text.stdout).toMatch(/leak\.c\n.*SSL_CTX_new.*\n\n.*1 problem/);
  });

  it('exits 2 with one clear line for a missing or malformed baseline', () => {
    const dir = scratch({ 'bad.json': '{"findings": 3}', 'notjson.json': 'nope' });
    for (const [file, pattern] of [
      ['missing.json', /cannot read baseline missing\.json: ENOENT/],
      ['bad.json', /baseline bad\.json is not an osslint baseline/],
      ['notjson.json', /baseline notjson\.json is not valid JSON/],
    ] as const) {
      const res = osslint(['examples', '--baseline', file], dir);
      expect(res.status).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(pattern)]);
    }
  });
});

describe('CI formats', () => {
  it('SARIF carries the tool version, executionSuccessful, codeFlows and partialFingerprints', () => {
    const res = osslint(['examples', '-f', 'sarif']);
    const log = JSON.parse(res.stdout) as Sarif.Log;
    const run = log.runs[0]!;
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.invocations?.[0]?.executionSuccessful).toBe(true);
    const results = run.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((r) => (r.codeFlows?.[0]?.threadFlows[0]?.locations.length ?? 0) > 1)).toBe(true);
    expect(new Set(results.map((r) => r.partialFingerprints?.['osslint/v1'])).size).toBe(results.length);
  });
});
