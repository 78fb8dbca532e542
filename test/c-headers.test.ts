// Project headers a C file includes decide what its calls mean: a helper declared noreturn in util.h ends the
// path (test-fixtures/packages/<dir>/*.c with the headers beside them, annotated like the rule fixtures).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { cLocalHeaders } from '../server/src/package-files';
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
        const { findings } = lint({ path: full, text, language: 'c', packageFiles });
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
