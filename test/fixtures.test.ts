// Runs every annotated fixture (test-fixtures/<rule>/*.c|*.go) and every example block of rules/<id>.md:
// `// ruleid: <id>` on the line before a target must be reported there, `// ok: <id>` must not, and any
// finding on an unannotated line fails as noisy. Findings are snapshotted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initParsing, parse } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { rules } from '../rules/index';
import type { Finding, LanguageId } from '../server/src/engine/types';
import { parseAnnotations, scoreFixture } from './helpers/annotations';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeFixes } from '../server/src/lsp/code-actions';

const root = path.resolve(__dirname, '..');
const fixtureRoot = path.join(root, 'test-fixtures');
const NON_RULE_DIRS = new Set(['cli', 'lsp', 'harness', 'packages']);

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

const tally = new Map<string, { tp: number; fp: number; fn: number }>();

function record(annotations: ReturnType<typeof parseAnnotations>, findings: Finding[]): void {
  for (const rule of rules) {
    const id = rule.meta.id;
    const mine = scoreFixture(
      annotations.filter((a) => a.ruleId === id),
      findings.filter((f) => f.ruleId === id),
    );
    const t = tally.get(id) ?? { tp: 0, fp: 0, fn: 0 };
    t.tp += mine.truePositives;
    t.fp += mine.falsePositives;
    t.fn += mine.falseNegatives;
    tally.set(id, t);
  }
}

beforeAll(async () => {
  await initParsing();
});

afterAll(() => {
  // Precision/recall over every fixture and doc example (todo marks excluded), for the closing notes.
  const lines = [...tally].map(([id, t]) => {
    const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
    const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
    return `  ${id.padEnd(24)} tp ${t.tp}  fp ${t.fp}  fn ${t.fn}  precision ${p.toFixed(3)}  recall ${r.toFixed(3)}`;
  });
  process.stdout.write(`fixture score\n${lines.join('\n')}\n`);
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
      const annotations = parseAnnotations(c.text);
      record(annotations, findings);
      const score = scoreFixture(annotations, findings);
      expect(score.problems).toEqual([]);
      expect(snapshotOf(findings)).toMatchSnapshot();
    });
  }
});

describe('C safe fixes', () => {
  // <case>.fixed.c: applying every safe fix lint() offers on <case>.c gives exactly that text, which parses
  // cleanly and re-lints without any fixable finding. (Go's .fixed.go files are checked in go-fixes.test.ts.)
  const pairs: Array<{ name: string; original: string; fixed: string }> = [];
  for (const dir of fs.readdirSync(fixtureRoot).sort()) {
    const full = path.join(fixtureRoot, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full).sort()) {
      if (f.endsWith('.fixed.c')) pairs.push({ name: `${dir}/${f}`, original: path.join(full, f.replace(/\.fixed\.c$/, '.c')), fixed: path.join(full, f) });
    }
  }
  for (const p of pairs) {
    it(p.name, () => {
      const original = fs.readFileSync(p.original, 'utf8');
      const expected = fs.readFileSync(p.fixed, 'utf8');
      const fixes = lint({ path: p.original, text: original, language: 'c' }).findings.flatMap((f) => (f.fix ? [f.fix] : []));
      expect(fixes.length).toBeGreaterThan(0);
      const applied = TextDocument.applyEdits(TextDocument.create('file:///fixture.c', 'c', 1, original), mergeFixes(fixes));
      expect(applied).toBe(expected);
      const tree = parse('c', applied);
      expect(tree.rootNode.hasError).toBe(false);
      tree.delete();
      expect(lint({ path: p.fixed, text: applied, language: 'c' }).findings.filter((f) => f.fix)).toEqual([]);
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
      const annotations = parseAnnotations(c.text);
      record(annotations, findings);
      expect(scoreFixture(annotations, findings).problems).toEqual([]);
    });
  }
});
