// Runs every annotated fixture (test-fixtures/<rule>/*.c|*.go) and every example block of rules/<id>.md:
// `// ruleid: <id>` on the line before a target must be reported there, `// ok: <id>` must not, and any
// finding on an unannotated line fails as noisy. Findings are snapshotted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing, parse } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { rules } from '../rules/index';
import type { Finding, LanguageId } from '../server/src/engine/types';
import { parseAnnotations, scoreFixture } from './helpers/annotations';

const root = path.resolve(__dirname, '..');
const fixtureRoot = path.join(root, 'test-fixtures');
const NON_RULE_DIRS = new Set(['cli', 'lsp']);

interface Case {
  name: string;
  language: LanguageId;
  text: string;
  mayHaveErrors: boolean;
}

function fixtureCases(): Case[] {
  const out: Case[] = [];
  for (const dir of fs.readdirSync(fixtureRoot).sort()) {
    if (NON_RULE_DIRS.has(dir) || !fs.statSync(path.join(fixtureRoot, dir)).isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(fixtureRoot, dir)).sort()) {
      const ext = path.extname(file);
      if ((ext !== '.c' && ext !== '.go') || file.includes('.fixed.')) continue;
      out.push({
        name: `${dir}/${file}`,
        language: ext === '.c' ? 'c' : 'go',
        text: fs.readFileSync(path.join(fixtureRoot, dir, file), 'utf8'),
        mayHaveErrors: file.includes('.error.'),
      });
    }
  }
  return out;
}

function docCases(): Case[] {
  const out: Case[] = [];
  for (const rule of rules) {
    const doc = path.join(root, 'rules', `${rule.meta.id}.md`);
    const text = fs.readFileSync(doc, 'utf8');
    let i = 0;
    for (const m of text.matchAll(/```(c|go)\n([\s\S]*?)```/g)) {
      out.push({ name: `rules/${rule.meta.id}.md#${++i}`, language: m[1] as LanguageId, text: m[2]!, mayHaveErrors: false });
    }
  }
  return out;
}

const snapshotOf = (findings: Finding[]) =>
  findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.ruleId}/${f.messageId} ${f.message}`);

beforeAll(async () => {
  await initParsing();
});

describe('rule fixtures', () => {
  const cases = fixtureCases();
  it('has fixtures for every rule', () => {
    const dirs = new Set(cases.map((c) => c.name.split('/')[0]));
    for (const rule of rules) expect(dirs.has(rule.meta.id), `test-fixtures/${rule.meta.id}/`).toBe(true);
  });
  for (const c of cases) {
    it(c.name, () => {
      if (!c.mayHaveErrors) {
        const tree = parse(c.language, c.text);
        const clean = !tree.rootNode.hasError;
        tree.delete();
        expect(clean, `${c.name} must parse without ERROR nodes (name it .error. otherwise)`).toBe(true);
      }
      const { findings } = lint({ path: c.name, text: c.text, language: c.language });
      const score = scoreFixture(parseAnnotations(c.text), findings);
      expect(score.problems).toEqual([]);
      expect(snapshotOf(findings)).toMatchSnapshot();
    });
  }
});

describe('rule docs', () => {
  for (const rule of rules) {
    it(`rules/${rule.meta.id}.md documents the rule`, () => {
      const doc = fs.readFileSync(path.join(root, 'rules', `${rule.meta.id}.md`), 'utf8');
      expect(doc).toMatch(new RegExp(`^# ${rule.meta.id}\\b`, 'm'));
      expect(doc).toMatch(/## Incorrect/);
      expect(doc).toMatch(/## Correct/);
    });
  }
  for (const c of docCases()) {
    it(c.name, () => {
      const { findings } = lint({ path: c.name, text: c.text, language: c.language });
      expect(scoreFixture(parseAnnotations(c.text), findings).problems).toEqual([]);
    });
  }
});
