// The headless CLI, run as CI runs it: `node dist/cli.js …` in a child process.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../server/src/cli/formatters/github';
import { formatJson } from '../server/src/cli/formatters/json';
import type { Report } from '../server/src/cli/formatters/report';
import { formatText } from '../server/src/cli/formatters/text';
import type { Finding } from '../server/src/engine/types';
import { CLI_FIXTURES, ROOT, buildCli, columnOf, lineAfter, runCli, scratchCopy } from './helpers/cli';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const fixture = (name: string) => path.join(CLI_FIXTURES, name);
const rel = (name: string) => path.posix.join('test-fixtures', 'cli', name);

interface JsonMessage {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: Array<{ message: string; line: number; column: number }>;
}
interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

let cli: string;
const osslint = (args: readonly string[], cwd?: string) => runCli(cli, args, cwd ? { cwd } : {});

function json(args: readonly string[], cwd?: string): { status: number | null; files: JsonFile[]; stderr: string } {
  const res = osslint(['--format', 'json', ...args], cwd);
  return { status: res.status, files: JSON.parse(res.stdout) as JsonFile[], stderr: res.stderr };
}

/** A usage error: exit 2, nothing on stdout, exactly one `osslint: error:` line on stderr. */
function expectUsageError(args: readonly string[], pattern: RegExp, cwd?: string): void {
  const res = osslint(args, cwd);
  expect(res.status, res.stderr).toBe(2);
  expect(res.stdout).toBe('');
  const lines = res.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^osslint: error: /);
  expect(lines[0]).toMatch(pattern);
}

beforeAll(async () => {
  cli = await buildCli();
});

describe('osslint CLI', () => {
  it('draws a progress line on stderr only when stderr is a terminal, and not with --quiet', () => {
    const dir = path.join(ROOT, 'test-fixtures', 'cgo-free');
    const onTerminal = (args: string) =>
      execFileSync('script', ['-q', '-e', '-c', `"${process.execPath}" "${cli}" ${args} ${dir} >/dev/null`, '/dev/null'], { encoding: 'utf8' });
    const drawn = onTerminal('');
    expect(drawn).toMatch(/\r\x1b\[K\[\d+\/\d+\] test-fixtures\/cgo-free\//);
    expect(drawn).toMatch(/\r\x1b\[K$|\r\x1b\[Kosslint: warning/);
    expect(onTerminal('--quiet')).not.toMatch(/\[\d+\/\d+\]/);
    expect(osslint([dir]).stderr).not.toMatch(/\[\d+\/\d+\]/);
  });

  it('prints help and version', () => {
    const help = osslint(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: osslint \[paths\.\.\.\]/);
    for (const option of ['--format', '--max-warnings', '--rule', '--output', '--no-color', '--no-allocation-failure-leaks']) expect(help.stdout).toContain(option);
    const version = osslint(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(manifest.version);
  });

  it('exits 0 with empty text output on a clean file', () => {
    const res = osslint([rel('clean.c')]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('');
  });

  it('text: reports the SSL_CTX_new leak as ossl-leak on the acquisition line (exit 0: warnings only)', () => {
    const res = osslint([rel('leak.c')]);
    expect(res.status, res.stderr).toBe(0);
    const line = lineAfter(fixture('leak.c'), 'ruleid: ossl-leak');
    const col = columnOf(fixture('leak.c'), line, 'SSL_CTX_new(');
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe(path.join('test-fixtures', 'cli', 'leak.c'));
    expect(lines[1]).toMatch(new RegExp(`^  ${line}:${col}  warning  .*ctx.*  ossl-leak$`));
    expect(res.stdout).toContain('\u2716 1 problem (0 errors, 1 warning)');
    expect(res.stdout).not.toContain('\u001b['); // NO_COLOR and not a terminal
  });

  it('text: colours only on request', () => {
    const res = runCli(cli, ['--color', rel('leak.c')]);
    expect(res.stdout).toContain('\u001b[33mwarning');
    const plain = runCli(cli, ['--color', '--no-color', rel('leak.c')]);
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('json: one entry per file, sorted, with 1-based positions', () => {
    const { status, files } = json([rel('.')]);
    expect(status).toBe(1); // double-free.c has an error
    const names = files.map((f) => path.relative(CLI_FIXTURES, f.filePath));
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(['clean.c', 'cstring.go', 'double-free.c', 'empty.c', 'leak.c', 'partial.error.c', 'wide.c']);
    for (const f of files) expect(path.isAbsolute(f.filePath)).toBe(true);

    const leak = files.find((f) => f.filePath === fixture('leak.c'))!;
    const line = lineAfter(fixture('leak.c'), 'ruleid: ossl-leak');
    expect(leak.warningCount).toBe(1);
    expect(leak.errorCount).toBe(0);
    expect(leak.messages).toHaveLength(1);
    const m = leak.messages[0]!;
    expect(m).toMatchObject({ ruleId: 'ossl-leak', severity: 'warning', line, column: columnOf(fixture('leak.c'), line, 'SSL_CTX_new(') });
    expect(m.endLine).toBeGreaterThanOrEqual(m.line);
    expect(m.endLine > m.line || m.endColumn > m.column).toBe(true);
    expect(Array.isArray(m.related)).toBe(true);

    const df = files.find((f) => f.filePath === fixture('double-free.c'))!;
    expect(df.errorCount).toBe(1);
    expect(df.messages.map((x) => [x.ruleId, x.line])).toContainEqual(['double-free', lineAfter(fixture('double-free.c'), 'ruleid: double-free')]);

    const go = files.find((f) => f.filePath === fixture('cstring.go'))!;
    expect(go.messages.map((x) => [x.ruleId, x.line])).toContainEqual(['cgo-free', lineAfter(fixture('cstring.go'), 'ruleid: cgo-free')]);

    const clean = files.find((f) => f.filePath === fixture('clean.c'))!;
    expect(clean.messages).toEqual([]);
  });

  it('json: columns count UTF-16 code units', () => {
    const { files } = json([rel('wide.c')]);
    const line = lineAfter(fixture('wide.c'), 'ruleid: ossl-leak');
    const text = fs.readFileSync(fixture('wide.c'), 'utf8').split('\n')[line - 1]!;
    // Sanity: the astral characters make UTF-16 and code-point columns differ.
    expect([...text].indexOf('S')).not.toBe(text.indexOf('S'));
    expect(files[0]!.messages[0]).toMatchObject({ ruleId: 'ossl-leak', line, column: text.indexOf('SSL_CTX_new(') + 1 });
  });

  it('github: workflow commands with escaped properties', () => {
    const res = osslint(['--format', 'github', rel('leak.c'), rel('double-free.c')]);
    expect(res.status).toBe(1);
    const lines = res.stdout.trim().split('\n');
    const leakLine = lineAfter(fixture('leak.c'), 'ruleid: ossl-leak');
    const col = columnOf(fixture('leak.c'), leakLine, 'SSL_CTX_new(');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=test-fixtures\/cli\/double-free\.c,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=osslint\(double-free\)::\S/);
    expect(lines[1]).toMatch(
      new RegExp(`^::warning file=test-fixtures/cli/leak\\.c,line=${leakLine},col=${col},endLine=\\d+,endColumn=\\d+,title=osslint\\(ossl-leak\\)::\\S`),
    );
  });

  it('tags leaks that need an allocation to fail, and drops them with --no-allocation-failure-leaks', () => {
    const file = path.posix.join('test-fixtures', 'mem-leak', 'allocation-failure.c');
    const log = JSON.parse(osslint(['--format', 'sarif', file]).stdout);
    const results = log.runs[0].results as Array<{ message: { text: string }; properties?: Record<string, unknown> }>;
    const tagged = results.filter((r) => r.properties?.allocationFailureOnly === true);
    expect(tagged.length).toBe(2);
    for (const r of tagged) expect(r.message.text).toMatch(/\(only when strdup fails to allocate\)$/);
    const untagged = results.filter((r) => r.properties?.allocationFailureOnly === undefined);
    expect(untagged.map((r) => r.message.text)).toEqual(['`value` (strdup) is not freed on the path that returns at line 61']);
    const quiet = json(['--no-allocation-failure-leaks', file]);
    expect(quiet.files[0]!.messages.map((m) => m.message)).toEqual(untagged.map((r) => r.message.text));
  });

  it('sarif: rules, results and locations relative to %SRCROOT%', () => {
    const res = osslint(['--format', 'sarif', rel('leak.c')]);
    expect(res.status, res.stderr).toBe(0);
    const log = JSON.parse(res.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'osslint', version: manifest.version });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(ROOT).href}/`);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('ossl-leak');
    for (const r of run.tool.driver.rules) {
      expect(r.helpUri).toMatch(new RegExp(`/rules/${r.id}\\.md$`));
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
      expect(r.shortDescription.text).not.toBe('');
    }
    expect(run.results).toHaveLength(1);
    const result = run.results[0];
    const line = lineAfter(fixture('leak.c'), 'ruleid: ossl-leak');
    expect(result).toMatchObject({ ruleId: 'ossl-leak', level: 'warning' });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('ossl-leak');
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'test-fixtures/cli/leak.c', uriBaseId: '%SRCROOT%' });
    expect(result.locations[0].physicalLocation.region).toMatchObject({
      startLine: line,
      startColumn: columnOf(fixture('leak.c'), line, 'SSL_CTX_new('),
    });
  });

  it('exit 1 on an error finding, or when a warning is raised to error with --rule', () => {
    expect(osslint([rel('double-free.c')]).status).toBe(1);
    const raised = json(['--rule', 'ossl-leak=error', rel('leak.c')]);
    expect(raised.status).toBe(1);
    expect(raised.files[0]!.messages[0]).toMatchObject({ ruleId: 'ossl-leak', severity: 'error' });
    expect(raised.files[0]!.errorCount).toBe(1);
  });

  it('--max-warnings', () => {
    const over = osslint(['--max-warnings', '0', rel('leak.c')]);
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/too many warnings \(1\); maximum allowed is 0/);
    expect(osslint(['--max-warnings', '1', rel('leak.c')]).status).toBe(0);
    expect(osslint(['--max-warnings=5', rel('leak.c')]).status).toBe(0);
    expect(osslint(['--max-warnings', '-1', rel('leak.c')]).status).toBe(0);
  });

  it('--rule id=off disables a rule; a later --rule wins', () => {
    const off = json(['--rule', 'ossl-leak=off', rel('leak.c')]);
    expect(off.status).toBe(0);
    expect(off.files[0]!.messages).toEqual([]);
    const again = json(['--rule', 'ossl-leak=off', '--rule=ossl-leak=info', rel('leak.c')]);
    expect(again.files[0]!.messages[0]).toMatchObject({ ruleId: 'ossl-leak', severity: 'info' });
    expect(again.status).toBe(0);
  });

  it('accepts a registered rule id and rejects an unknown one', () => {
    expect(osslint(['--rule', 'ossl-leak=warning', rel('clean.c')]).status).toBe(0);
    expectUsageError(['--rule', 'no-such-rule=off', rel('clean.c')], /unknown rule "no-such-rule"/);
  });

  it.each([
    [['--frobnicate'], /unknown option "--frobnicate"/],
    [['-x'], /unknown option "-x"/],
    [['--format', 'xml'], /unknown format "xml".*text, json, sarif, github/],
    [['--format'], /option "--format" expects a value/],
    [['--rule', 'ossl-leak=loud'], /unknown severity "loud"/],
    [['--rule', 'ossl-leak'], /--rule expects ID=SEVERITY/],
    [['--max-warnings', 'many'], /--max-warnings expects a non-negative integer, got "many"/],
    [['--max-warnings', '1.5'], /non-negative integer/],
    [['--max-warnings=-3'], /non-negative integer/],
    [['--max-warnings', '-2'], /non-negative integer, got "-2"/],
    [['test-fixtures/cli/no-such-file.c'], /no such file or directory: test-fixtures\/cli\/no-such-file\.c/],
    [['package.json'], /unsupported file type: package\.json/],
  ])('usage error %j → exit 2 with one line', (args, pattern) => {
    expectUsageError(args as string[], pattern as RegExp);
  });

  it('skips binary and non-UTF-8 files with a warning, and still lints the rest', () => {
    const dir = scratchCopy({
      'binary.c': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00]),
      'latin1.c': new Uint8Array([...Buffer.from('/* caf'), 0xe9, ...Buffer.from(' */\nint x;\n')]),
    });
    const res = json(['.'], dir);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('osslint: warning: skipped binary.c: binary file (contains NUL bytes)');
    expect(res.stderr).toContain('osslint: warning: skipped latin1.c: not valid UTF-8');
    const names = res.files.map((f) => path.basename(f.filePath));
    expect(names).not.toContain('binary.c');
    expect(names).not.toContain('latin1.c');
    expect(res.files.find((f) => path.basename(f.filePath) === 'leak.c')!.messages.map((m) => m.ruleId)).toEqual(['ossl-leak']);
  });

  it('lints an empty file', () => {
    const res = json([rel('empty.c')]);
    expect(res.status).toBe(0);
    expect(res.files).toEqual([expect.objectContaining({ filePath: fixture('empty.c'), messages: [], errorCount: 0, warningCount: 0 })]);
  });

  it('reports what it can in a file with syntax errors', () => {
    const res = json([rel('partial.error.c')]);
    expect(res.status).toBe(0);
    const line = lineAfter(fixture('partial.error.c'), 'ruleid: ossl-leak');
    expect(res.files[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['ossl-leak', line]]);
  });

  it('recurses folders, skipping node_modules, .git and vendor unless named', () => {
    const leak = fs.readFileSync(fixture('leak.c'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-cli-walk-'));
    for (const p of ['src/a/one.c', 'src/b.h', 'node_modules/x/leak.c', '.git/leak.c', 'vendor/lib/leak.c', 'src/vendor/leak.c']) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), leak);
    }
    fs.writeFileSync(path.join(dir, 'src/notes.txt'), 'not C');
    const all = json([], dir);
    expect(all.files.map((f) => path.relative(dir, f.filePath).split(path.sep).join('/'))).toEqual(['src/a/one.c', 'src/b.h']);
    const vendor = json(['vendor', 'src/b.h'], dir);
    expect(vendor.files.map((f) => path.relative(dir, f.filePath).split(path.sep).join('/'))).toEqual(['src/b.h', 'vendor/lib/leak.c']);
  });

  it('--output writes the report atomically and leaves no temporary file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-cli-out-'));
    const target = path.join(dir, 'report.sarif');
    fs.writeFileSync(target, 'old contents');
    const res = osslint(['--format', 'sarif', '--output', target, rel('leak.c')]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
    const written = fs.readFileSync(target, 'utf8');
    expect(JSON.parse(written).runs[0].results).toHaveLength(1);
    expect(written).toBe(osslint(['--format', 'sarif', rel('leak.c')]).stdout);
    expect(fs.readdirSync(dir)).toEqual(['report.sarif']);

    // A usage error writes nothing.
    const untouched = path.join(dir, 'never.json');
    expectUsageError(['--format', 'xml', '--output', untouched, rel('leak.c')], /unknown format/);
    expect(fs.existsSync(untouched)).toBe(false);

    // A failed write (the target is a directory; the folder does not exist) leaves nothing behind.
    fs.mkdirSync(path.join(dir, 'taken'));
    expectUsageError(['--format', 'json', '-o', path.join(dir, 'taken'), rel('leak.c')], /cannot write .*taken/);
    expectUsageError(['-o', path.join(dir, 'missing', 'r.txt'), rel('leak.c')], /cannot write .*r\.txt: ENOENT/);
    expect(fs.readdirSync(dir).sort()).toEqual(['report.sarif', 'taken']);
    expect(fs.readdirSync(path.join(dir, 'taken'))).toEqual([]);
  });

  it('reports an invalid .osslint.json in the working directory as a usage error naming the file', () => {
    const dir = scratchCopy({ '.osslint.json': '{"entries": [{"name": "my_alloc"}]}' });
    expectUsageError(['leak.c'], /\.osslint\.json/, dir);
    const broken = scratchCopy({ '.osslint.json': '{ not json' });
    expectUsageError(['leak.c'], /\.osslint\.json: invalid JSON/, broken);
  });
});

describe('formatters', () => {
  const range = (line: number, character: number, endCharacter: number) => ({
    start: { line, character },
    end: { line, character: endCharacter },
  });
  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: 'ossl-leak',
    messageId: 'leak',
    message: '`ctx` (SSL_CTX_new) is not freed',
    severity: 'warning',
    range: range(4, 19, 44),
    related: [],
    ...over,
  });
  const report = (findings: Finding[], file = '/work/x/a,b:c.c'): Report => ({
    cwd: '/work/x',
    files: [{ path: file, findings, notes: [] }],
    skipped: [],
    rules: [],
    ruleOverrides: {},
    version: '0.0.0',
  });

  it('github escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const out = formatGithub(
      report([
        finding({
          message: 'leak: 50% of paths, really',
          severity: 'error',
          related: [{ range: range(9, 4, 13), message: 'return 0' }],
        }),
      ]),
      { color: false },
    );
    expect(out).toBe(
      '::error file=a%2Cb%3Ac.c,line=5,col=20,endLine=5,endColumn=45,title=osslint(ossl-leak)::leak: 50%25 of paths, really%0A  10:5  return 0\n',
    );
  });

  it('github maps info and hint to notice', () => {
    const out = formatGithub(report([finding({ severity: 'info' }), finding({ severity: 'hint', range: range(6, 0, 1) })]), { color: false });
    expect(out.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::notice', '::notice']);
  });

  it('text aligns columns and counts each severity', () => {
    const out = formatText(
      report(
        [
          finding({}),
          finding({ range: range(11, 2, 9), severity: 'error', ruleId: 'double-free', message: 'freed twice' }),
          finding({ range: range(20, 0, 3), severity: 'info', message: 'm' }),
        ],
        '/work/x/src/a.c',
      ),
      { color: false },
    );
    expect(out).toBe(
      [
        path.join('src', 'a.c'),
        '  5:20  warning  `ctx` (SSL_CTX_new) is not freed  ossl-leak',
        '  12:3  error    freed twice                       double-free',
        '  21:1  info     m                                 ossl-leak',
        '',
        '\u2716 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('json carries related steps with 1-based positions', () => {
    const out = JSON.parse(formatJson(report([finding({ related: [{ range: range(9, 4, 13), message: 'return 0' }] })]), { color: false }));
    expect(out[0].messages[0]).toMatchObject({
      line: 5,
      column: 20,
      endLine: 5,
      endColumn: 45,
      related: [{ message: 'return 0', line: 10, column: 5, endLine: 10, endColumn: 14 }],
    });
  });
});
