// Project headers a C file includes decide what its calls mean: a helper declared noreturn in util.h ends the
// path (test-fixtures/packages/<dir>/*.c with the headers beside them, annotated like the rule fixtures).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { cLocalHeaders, cProjectRoot, cProjectSource } from '../server/src/package-files';
import { CProjectIndex, definedNamesIn } from '../server/src/analysis/c/project-index';
import { builtinKnowledge } from '../server/src/analysis/knowledge';
import { noreturnDeclaredIn, projectFacts } from '../server/src/analysis/c/macros';
import { parseAnnotations, scoreFixture } from './helpers/annotations';

const packagesRoot = path.resolve(__dirname, '..', 'test-fixtures', 'packages');

beforeAll(async () => {
  await initParsing();
});

describe('C project headers', () => {
  for (const dir of fs.readdirSync(packagesRoot).sort()) {
    for (const file of fs.readdirSync(path.join(packagesRoot, dir)).filter((f) => f.endsWith('.c')).sort()) {
      it(`${dir}/${file}`, () => {
        const full = path.join(packagesRoot, dir, file);
        const text = fs.readFileSync(full, 'utf8');
        const packageFiles = cLocalHeaders(full, text);
        expect(packageFiles.length).toBeGreaterThan(0);
        const project = { index: new CProjectIndex(cProjectSource(path.join(packagesRoot, dir)), builtinKnowledge()), load: true };
        const { findings } = lint({ path: full, text, language: 'c', packageFiles, project });
        expect(scoreFixture(parseAnnotations(text), findings).problems).toEqual([]);
      });
    }
  }

  it('without its header, util_fatal is a call that returns (the free before it is followed by a use)', () => {
    const full = path.join(packagesRoot, 'c-tools', 'read-object.c');
    const { findings } = lint({ path: full, text: fs.readFileSync(full, 'utf8'), language: 'c' });
    expect(findings.filter((f) => f.ruleId === 'use-after-free' || f.ruleId === 'double-free').length).toBeGreaterThan(1);
  });

  it('reads noreturn declarations in the shapes projects write them', () => {
    const header = [
      '#define NORETURN __attribute__((noreturn))',
      'NORETURN void util_fatal(const char *fmt, ...);',
      'void die(const char *m) __attribute__((noreturn));',
      'extern _Noreturn void fatal_x(int code);',
      'void __dead errx_like(int, const char *, ...);',
      '/* NORETURN void commented_out(void); */',
      'void util_warn(const char *fmt, ...);',
    ].join('\n');
    expect([...noreturnDeclaredIn(header)].sort()).toEqual(['die', 'errx_like', 'fatal_x', 'util_fatal']);
  });

  it('reads which project macros return or jump, and under which test', () => {
    const header = fs.readFileSync(path.join(packagesRoot, 'c-macros', 'log.h'), 'utf8');
    const own = '#define CHECK_GOTO(x, label) do { if (!(x)) goto label; } while (0)\n#define LOG(ctx, m) sc_do_log(ctx, 1, m)\n';
    const { exits } = projectFacts([own, header]);
    expect(exits.get('LOG_FUNC_RETURN')).toEqual({ kind: 'return', conditional: false });
    expect(exits.get('LOG_TEST_RET')).toEqual({ kind: 'return', conditional: true, test: { arg: 1, when: 'failed', failure: { op: '<', k: '0' } } });
    expect(exits.get('LOG_TEST_GOTO_ERR')).toEqual({ kind: 'goto', conditional: true, label: 'err', test: { arg: 1, when: 'failed', failure: { op: '<', k: '0' } } });
    expect(exits.get('return_if_null')).toEqual({ kind: 'return', conditional: true, test: { arg: 0, when: 'null' } });
    expect(exits.get('goto_error')).toEqual({ kind: 'goto', conditional: false, labelArg: 3 });
    expect(exits.get('CHECK_GOTO')).toEqual({ kind: 'goto', conditional: true, labelArg: 1, test: { arg: 0, when: 'null' } });
    expect(exits.has('LOG')).toBe(false);
  });

  it('finds a header included by a path relative to a folder above the file', () => {
    const full = path.join(packagesRoot, 'c-tools', 'read-object.c');
    expect(cLocalHeaders(full, '#include "c-tools/util.h"\n#include "missing.h"\n').map((h) => path.basename(h.path))).toEqual(['util.h']);
  });
});

describe('C project index', () => {
  const dir = path.join(packagesRoot, 'c-project');
  const file = path.join(dir, 'verify-chain.c');
  const text = fs.readFileSync(file, 'utf8');

  it('without it, the hand-over to the other file is missed and the allocator unknown', () => {
    const { findings } = lint({ path: file, text, language: 'c', packageFiles: cLocalHeaders(file, text) });
    const problems = scoreFixture(parseAnnotations(text), findings).problems;
    expect(problems.length).toBeGreaterThan(0);
  });

  it('the editor mode answers from what is read and names what is still to read, then has it', () => {
    const index = new CProjectIndex(cProjectSource(dir), builtinKnowledge());
    const first = lint({ path: file, text, language: 'c', project: { index, load: false } });
    expect(first.pendingProjectNames?.sort()).toEqual(['cert_from_pem_file', 'cert_list_append', 'cert_list_free']);
    index.load(file, first.pendingProjectNames!);
    const second = lint({ path: file, text, language: 'c', project: { index, load: false } });
    expect(second.pendingProjectNames).toBeUndefined();
    expect(scoreFixture(parseAnnotations(text), second.findings).problems).toEqual([]);
  });

  it('finds definitions in the layouts C projects write them, not prototypes or calls', () => {
    const source = [
      'static int\nparse_one(const char *s, size_t n)\n{\n  return helper(s);\n}',
      'X509 *load_cert(const char *path) {\n  return NULL;\n}',
      'int old_style(a, b)\n  char *a;\n  int b;\n{\n  return 0;\n}',
      'void declared_only(int x);',
      'int attributed(void) __attribute__((unused));',
      'DEFINE_STACK_OF(X509)',
      'if (x) {\n}',
    ].join('\n');
    expect(definedNamesIn(source)).toEqual(['parse_one', 'load_cert', 'old_style']);
  });

  it('is the folder of compile_commands.json above the linted files, else the repository, else their common folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-root-'));
    try {
      const file = (rel: string) => {
        const full = path.join(tmp, rel);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, '');
        return full;
      };
      const a = file('plain/src/a/one.c');
      const b = file('plain/src/b/two.c');
      expect(cProjectRoot([a, b])).toBe(path.join(tmp, 'plain', 'src'));
      expect(cProjectRoot([a])).toBe(path.join(tmp, 'plain', 'src', 'a'));
      fs.mkdirSync(path.join(tmp, 'plain', '.git'));
      expect(cProjectRoot([a])).toBe(path.join(tmp, 'plain'));
      file('plain/src/compile_commands.json');
      expect(cProjectRoot([a])).toBe(path.join(tmp, 'plain', 'src'));
      // A compilation database above the repository is another project's.
      file('compile_commands.json');
      fs.rmSync(path.join(tmp, 'plain', 'src', 'compile_commands.json'));
      expect(cProjectRoot([a, b])).toBe(path.join(tmp, 'plain'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
