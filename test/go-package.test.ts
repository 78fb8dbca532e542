// Same-package summaries: a helper in another file of the package that frees or only reads its argument
// decides what a call to it means (test-fixtures/packages/<pkg>/, annotated like the rule fixtures).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { goPackageFiles } from '../server/src/package-files';
import { parseAnnotations, scoreFixture } from './helpers/annotations';

const packagesRoot = path.resolve(__dirname, '..', 'test-fixtures', 'packages');

beforeAll(async () => {
  await initParsing();
});

describe('Go package summaries', () => {
  for (const pkg of fs.readdirSync(packagesRoot).sort()) {
    const dir = path.join(packagesRoot, pkg);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.go')).sort()) {
      it(`${pkg}/${file}`, () => {
        const full = path.join(dir, file);
        const text = fs.readFileSync(full, 'utf8');
        const packageFiles = goPackageFiles(full, text);
        expect(packageFiles.map((f) => path.basename(f.path))).not.toContain(file);
        const { findings } = lint({ path: full, text, language: 'go', packageFiles });
        expect(scoreFixture(parseAnnotations(text), findings).problems).toEqual([]);
      });
    }
  }

  it('without the package, a call to an unknown Go function is a hand-over (no finding)', () => {
    const full = path.join(packagesRoot, 'cstrings', 'main.go');
    const { findings } = lint({ path: full, text: fs.readFileSync(full, 'utf8'), language: 'go' });
    expect(findings.filter((f) => f.ruleId === 'cgo-free' || f.ruleId === 'double-free')).toEqual([]);
  });

  it('reads only the build variant a default build compiles, and the C the package compiles', () => {
    const full = path.join(packagesRoot, 'cgo-helpers', 'lookup.go');
    const names = goPackageFiles(full, fs.readFileSync(full, 'utf8')).map((f) => path.basename(f.path));
    expect(names).toContain('release_static.go');
    expect(names).not.toContain('release_dlopen.go');
    expect(names).toEqual(expect.arrayContaining(['names.c', 'names.go.h', 'shim.c', 'shim.h']));
  });

  it('ignores files of another package and test files', () => {
    const full = path.join(packagesRoot, 'cstrings', 'main.go');
    expect(goPackageFiles(full, 'package other\n').length).toBe(0);
    expect(goPackageFiles(full, fs.readFileSync(full, 'utf8')).every((f) => !f.path.endsWith('_test.go'))).toBe(true);
  });
});
