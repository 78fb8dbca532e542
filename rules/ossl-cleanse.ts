import type { Rule } from '../server/src/engine/rule';
import { leakReport } from '../server/src/engine/leak-report';
import { isRenamed, type ResourceFacts } from '../server/src/analysis/facts';
import type { Fix } from '../server/src/engine/types';

const rule: Rule = {
  meta: {
    id: 'ossl-cleanse',
    type: 'problem',
    severity: 'warning',
    description: 'Wipe key material and passphrases with OPENSSL_cleanse or OPENSSL_clear_free before they are freed or go out of scope.',
    messages: {
      unwiped: '{{name}} holds secret material from {{api}} and is not wiped {{exit}}; use OPENSSL_cleanse or OPENSSL_clear_free',
    },
    fixable: 'safe',
    hasSuggestions: true,
    languages: ['c', 'go'],
  },
  create(context) {
    for (const r of context.resources) {
      if (r.site.kind !== 'secret' || !r.leak) continue;
      const fixes = context.language === 'go' ? goCleanseFixes(r, context.text) : cleanseFixes(r, context.text);
      context.report({ ...leakReport(r, 'unwiped'), ...fixes });
    }
  },
};

/** `OPENSSL_free(k)` → `OPENSSL_clear_free(k, len)` (safe); `OPENSSL_cleanse(buf, sizeof(buf))` before the exit (suggestion). */
function cleanseFixes(r: ResourceFacts, text: string): { fix?: Fix; suggestions?: Fix[] } {
  const leak = r.leak!;
  if (isRenamed(r.site.variable)) return {};
  const lines = text.split('\n');
  if (leak.how === 'freed-unwiped') {
    const length = r.site.fixHints?.secretLength;
    const end = r.site.fixHints?.functionEnd;
    if (!length || !end) return {};
    // Every OPENSSL_free of the buffer between the secret and the end of the function: OPENSSL_clear_free is
    // OPENSSL_cleanse followed by OPENSSL_free, so this changes nothing but the wipe on any path.
    const edits: Fix['edits'] = [];
    const pattern = new RegExp(`\\bOPENSSL_free\\s*\\(\\s*${r.site.variable}\\s*\\)`, 'g');
    for (let line = r.site.range.start.line; line <= end.line; line++) {
      for (const m of (lines[line] ?? '').matchAll(pattern)) {
        const start = { line, character: m.index };
        edits.push({ range: { start, end: { line, character: m.index + m[0].length } }, newText: `OPENSSL_clear_free(${r.site.variable}, ${length})` });
      }
    }
    if (!edits.some((e) => e.range.start.line === leak.exit.start.line)) return {};
    return { fix: { title: `Use \`OPENSSL_clear_free(${r.site.variable}, ${length})\``, edits } };
  }
  if (leak.how === 'out-of-scope') {
    const line = lines[leak.exit.start.line] ?? '';
    const indent = /^\s*/.exec(line)![0];
    // Only when the exit statement starts its line, so the inserted line lands right before it.
    if (line.slice(0, leak.exit.start.character).trim() !== '') return {};
    const newText = `${indent}OPENSSL_cleanse(${r.site.variable}, sizeof(${r.site.variable}));\n`;
    const at = { line: leak.exit.start.line, character: 0 };
    return { suggestions: [{ title: `Insert \`OPENSSL_cleanse(${r.site.variable}, sizeof(${r.site.variable}))\` before this exit`, edits: [{ range: { start: at, end: at }, newText }] }] };
  }
  return {};
}

/**
 * Go: wipe before `C.free`. `defer C.free(p)` → `defer func() { C.OPENSSL_cleanse(p, n); C.free(p) }()`; a
 * `C.free(p)` statement gets `C.OPENSSL_cleanse(p, n)` on the line before it. A suggestion: the cleanse needs
 * `#include <openssl/crypto.h>` in the cgo preamble, and the length is the write call's length argument.
 */
function goCleanseFixes(r: ResourceFacts, text: string): { suggestions?: Fix[] } {
  const leak = r.leak!;
  const length = r.site.fixHints?.secretLength;
  if (leak.how !== 'freed-unwiped' || !length || leak.exit.start.line !== leak.exit.end.line) return {};
  const line = text.split('\n', leak.exit.start.line + 1)[leak.exit.start.line] ?? '';
  const call = line.slice(leak.exit.start.character, leak.exit.end.character);
  const m = /^C\.free\((.+)\)$/.exec(call);
  if (!m) return {};
  const arg = m[1]!.trim();
  const cleanse = `C.OPENSSL_cleanse(${arg}, ${length})`;
  const before = line.slice(0, leak.exit.start.character);
  if (/\bdefer\s+$/.test(before)) {
    const newText = `func() { ${cleanse}; ${call} }()`;
    return { suggestions: [{ title: `Wipe before C.free in the deferred call: \`defer ${newText}\``, edits: [{ range: leak.exit, newText }] }] };
  }
  if (before.trim() !== '' || line.slice(leak.exit.end.character).replace(/\/\/.*$/, '').trim() !== '') return {};
  const at = { line: leak.exit.start.line, character: 0 };
  return { suggestions: [{ title: `Insert \`${cleanse}\` before C.free`, edits: [{ range: { start: at, end: at }, newText: `${before}${cleanse}\n` }] }] };
}

export default rule;
