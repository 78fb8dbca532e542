// Per-function results between edits: after any edit, the cached analysis gives exactly the findings of a
// fresh lint, and only the functions whose text changed are analysed again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing, parse } from '../server/src/parsing/parser';
import { lint, lintTree, defaultLintConfig } from '../server/src/engine/lint';
import { builtinKnowledge } from '../server/src/analysis/knowledge';
import { DocumentAnalysisCache } from '../server/src/analysis/function-cache';
import type { Finding } from '../server/src/engine/types';

const root = path.resolve(__dirname, '..');
const files = ['examples/tls_client.c', 'test-fixtures/ossl-leak/paths.c', 'test-fixtures/ossl-cleanse/secrets.c', 'test-fixtures/use-after-free/use-after-free.c'];

const brief = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.message}`);

function lintCached(text: string, cache: DocumentAnalysisCache): Finding[] {
  const tree = parse('c', text);
  try {
    return lintTree(tree, { path: 'x.c', text, language: 'c' }, defaultLintConfig, builtinKnowledge(), cache).findings;
  } finally {
    tree.delete();
  }
}

/** mulberry32: deterministic edits. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['\n', '\n\n/* é😀 */\n', ' ', 'x', '}', '{', ';', 'free(p);', '// ünïcode\n', 'goto err;', 'return 0;'];

beforeAll(async () => {
  await initParsing();
});

describe('per-function result cache', () => {
  for (const file of files) {
    it(`equals a fresh lint after random edits: ${file}`, () => {
      let text = fs.readFileSync(path.join(root, file), 'utf8');
      const cache = new DocumentAnalysisCache();
      const rnd = prng(file.length * 7919);
      expect(brief(lintCached(text, cache))).toEqual(brief(lint({ path: 'x.c', text, language: 'c' }).findings));
      for (let step = 0; step < 40; step++) {
        const at = Math.floor(rnd() * text.length);
        if (rnd() < 0.6) text = text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)]! + text.slice(at);
        else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 8)));
        expect(brief(lintCached(text, cache)), `step ${step}`).toEqual(brief(lint({ path: 'x.c', text, language: 'c' }).findings));
      }
    });
  }

  it('re-analyses only the function that changed, and moves the others\' findings', () => {
    const original = fs.readFileSync(path.join(root, 'examples/tls_client.c'), 'utf8');
    const cache = new DocumentAnalysisCache();
    lintCached(original, cache);
    const functions = cache.functions.misses;
    expect(functions).toBeGreaterThan(3);
    // Three lines inserted at the top: nothing is analysed again, every finding moves down.
    const shifted = `/* a */\n/* b */\n/* c */\n${original}`;
    const moved = lintCached(shifted, cache);
    expect(cache.functions.misses).toBe(0);
    expect(brief(moved)).toEqual(brief(lint({ path: 'x.c', text: shifted, language: 'c' }).findings));
    // An edit inside one function body: only that function is analysed again.
    const edited = shifted.replace('if (peer == NULL)\n        return -1;\n    X509_NAME', 'if (peer == NULL)\n        return -2;\n    X509_NAME');
    expect(edited).not.toBe(shifted);
    lintCached(edited, cache);
    expect(cache.functions.misses).toBe(1);
    expect(cache.functions.hits).toBe(functions - 1);
  });
});
