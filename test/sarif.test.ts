// `osslint --format sarif` validated against the official SARIF 2.1.0 schema (test/schemas/PROVENANCE.md).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSarif } from '../server/src/cli/formatters/sarif';
import { ROOT, buildCli, runCli } from './helpers/cli';

let cli: string;
let validate: ValidateFunction;

beforeAll(async () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  // The schema is draft-07, ajv's default dialect. strict: false because the schema uses keywords and
  // unions that ajv's strict mode flags although they are valid JSON Schema. unicodeRegExp: false because
  // the `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray `]` that only the
  // non-unicode regular-expression syntax (the one JSON Schema patterns are written for) accepts.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
  cli = await buildCli();
});

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

function sarifOf(args: readonly string[]): Sarif.Log {
  const res = runCli(cli, ['--format', 'sarif', ...args]);
  expect([0, 1], res.stderr).toContain(res.status);
  return JSON.parse(res.stdout) as Sarif.Log;
}

const targets = ['test-fixtures/cli', 'examples'].filter((p) => fs.existsSync(path.join(ROOT, p)));

describe('SARIF output', () => {
  it('the schema rejects a broken log (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it.each(targets)('osslint --format sarif %s is valid SARIF 2.1.0', (target) => {
    const log = sarifOf([target]);
    expectValid(log);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations?.[0]?.executionSuccessful).toBe(true);
    for (const result of run.results ?? []) {
      expect(run.tool.driver.rules?.[result.ruleIndex!]?.id).toBe(result.ruleId);
      const loc = result.locations![0]!.physicalLocation!;
      expect(loc.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
      expect(fs.existsSync(path.join(ROOT, decodeURIComponent(loc.artifactLocation!.uri!)))).toBe(true);
      expect(loc.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region!.startColumn).toBeGreaterThanOrEqual(1);
    }
  });

  it('test-fixtures/cli yields results, so the validation above covers them', () => {
    expect(sarifOf(['test-fixtures/cli']).runs[0]!.results!.length).toBeGreaterThan(0);
  });

  it('with --rule overrides, skipped files and notes', () => {
    // Outside the repository (test/fixtures.test.ts reads test-fixtures/ concurrently): absolute file URIs.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-sarif-'));
    try {
      fs.writeFileSync(path.join(dir, 'bin.c'), new Uint8Array([0, 1, 2]));
      fs.copyFileSync(path.join(ROOT, 'test-fixtures/cli/partial.error.c'), path.join(dir, 'partial.error.c'));
      const log = sarifOf(['--rule', 'ossl-leak=error', '--rule', 'mem-leak=off', dir]);
      expectValid(log);
      const inv = log.runs[0]!.invocations![0]!;
      expect(inv.toolExecutionNotifications?.some((n) => /binary/.test(n.message.text ?? ''))).toBe(true);
      const results = log.runs[0]!.results!;
      expect(results.map((r) => [r.ruleId, r.level])).toEqual([['ossl-leak', 'error']]);
      expect(results[0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: pathToFileURL(path.join(dir, 'partial.error.c')).href });
      expect(inv.ruleConfigurationOverrides?.map((o) => [o.descriptor.id, o.configuration])).toEqual([
        ['ossl-leak', { level: 'error' }],
        ['mem-leak', { enabled: false }],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a finding with a path has relatedLocations and a codeFlow, and stays valid', () => {
    const r = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
    const log = buildSarif({
      cwd: '/work/x',
      files: [
        {
          path: '/work/x/dir with space/a#1.c',
          notes: ['syntax errors; analysis was partial'],
          findings: [
            {
              ruleId: 'ossl-leak',
              messageId: 'leak',
              message: '`ctx` (SSL_CTX_new) is not freed on the path through `goto fail` at line 12',
              severity: 'warning',
              range: r(4, 19, 44),
              related: [
                { range: r(7, 8, 17), message: 'taken: `if (!cert)`' },
                { range: r(11, 4, 14), message: 'exit: `goto fail`' },
              ],
            },
            { ruleId: 'unused-suppression', messageId: 'unused', message: 'unused', severity: 'hint', range: r(1, 0, 20), related: [] },
          ],
        },
        { path: '/elsewhere/b.go', notes: [], findings: [{ ruleId: 'cgo-free', messageId: 'm', message: 'm', severity: 'error', range: r(0, 0, 0), related: [] }] },
      ],
      skipped: [{ path: '/work/x/blob.c', reason: 'binary file (contains NUL bytes)' }],
      rules: [
        { id: 'cgo-free', type: 'problem', severity: 'warning', description: 'Free C memory.', messages: { m: 'm' }, languages: ['go'] },
        { id: 'ossl-leak', type: 'problem', severity: 'warning', description: 'Free OpenSSL objects.', messages: { leak: 'x' }, languages: ['c'] },
      ],
      ruleOverrides: { 'cgo-free': 'error' },
      version: '1.2.3',
    });
    expectValid(log);
    const run = log.runs[0]!;
    const [leak, unused, cgo] = run.results!;
    expect(leak!.ruleIndex).toBe(1);
    expect(leak!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'dir%20with%20space/a%231.c', uriBaseId: '%SRCROOT%' });
    expect(leak!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 5, startColumn: 20, endLine: 5, endColumn: 45 });
    expect(leak!.relatedLocations!.map((l) => [l.id, l.message?.text, l.physicalLocation?.region?.startLine])).toEqual([
      [1, 'taken: `if (!cert)`', 8],
      [2, 'exit: `goto fail`', 12],
    ]);
    expect(leak!.codeFlows![0]!.threadFlows[0]!.locations.map((l) => l.location?.physicalLocation?.region?.startLine)).toEqual([5, 8, 12]);
    // A finding from outside the registry still gets a descriptor; ruleIndex stays consistent.
    expect(run.tool.driver.rules![unused!.ruleIndex!]!.id).toBe('unused-suppression');
    expect(unused!.level).toBe('note');
    expect(cgo!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///elsewhere/b.go' });
    expect(run.tool.driver.rules![0]!.helpUri).toMatch(/\/rules\/cgo-free\.md$/);
  });
});
