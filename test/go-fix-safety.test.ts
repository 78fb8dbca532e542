// A quick fix must never make the code worse: every fix and suggestion offered on every Go fixture (rule
// fixtures and packages, linted with their package) is applied on its own, and the result re-linted: no new
// double-free or use-after-free, and a file go vet accepted before is still accepted. (go must be installed.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { goPackageFiles } from '../server/src/package-files';
import type { Finding } from '../server/src/engine/types';
import { applyFixes } from './go-fixes.test';
import { goVet } from './helpers/go-vet';

const root = path.resolve(__dirname, '..', 'test-fixtures');

function goFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.go') && !e.name.endsWith('.fixed.go') && !e.name.includes('.error.')) out.push(full);
    }
  };
  walk(root);
  return out;
}

function lintAt(file: string, text: string): Finding[] {
  return lint({ path: file, text, language: 'go', packageFiles: goPackageFiles(file, text) }).findings;
}

const severe = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'double-free' || f.ruleId === 'use-after-free').length;

/** go vet of the file's package with `text` in place of the file, in a temp copy. Undefined when vet passes. */
function vet(file: string, text: string): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-vet-'));
  try {
    const src = path.dirname(file);
    const isPackage = path.basename(path.dirname(src)) === 'packages';
    for (const name of isPackage ? fs.readdirSync(src) : [path.basename(file)]) {
      if (/\.(go|c|h)$/.test(name) && !name.endsWith('.fixed.go')) fs.copyFileSync(path.join(src, name), path.join(dir, name));
    }
    fs.writeFileSync(path.join(dir, path.basename(file)), text);
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module fixture\n\ngo 1.19\n');
    return goVet(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  await initParsing();
});

describe('no Go quick fix adds a release', () => {
  const files = goFixtures();
  it('has Go fixtures with fixes', () => {
    const offered = files.flatMap((f) => lintAt(f, fs.readFileSync(f, 'utf8')).flatMap((x) => [...(x.fix ? [x.fix] : []), ...(x.suggestions ?? [])]));
    expect(offered.length).toBeGreaterThan(5);
  });
  for (const file of files) {
    it(path.relative(root, file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const findings = lintAt(file, text);
      const before = severe(findings);
      const fixes = findings.flatMap((f) => [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]).filter((fix) => !/osslint-ignore/.test(JSON.stringify(fix)));
      if (!fixes.length) return;
      const vettedBefore = vet(file, text) === undefined;
      for (const fix of fixes) {
        const fixed = applyFixes(text, [fix]);
        expect(fixed).not.toBe(text);
        expect(severe(lintAt(file, fixed)), `${fix.title ?? 'fix'}: a new double-free or use-after-free`).toBeLessThanOrEqual(before);
        if (vettedBefore) expect(vet(file, fixed), `${fix.title ?? 'fix'}: go vet`).toBeUndefined();
      }
    }, 300_000);
  }
});
