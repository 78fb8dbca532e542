// Checks the built-in knowledge base (rules/knowledge/*.json): schema, citations, unique names,
// release functions that exist, and patterns that compile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeFileSchema, type KnowledgeEntry, type KnowledgeFile } from '../server/src/analysis/knowledge-schema';

const dir = join(__dirname, '..', 'rules', 'knowledge');
const names = ['openssl.json', 'libc.json', 'cgo.json', 'glib.json'] as const;

function load(name: string): KnowledgeFile {
  const raw: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const parsed = knowledgeFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.data;
}

const files = Object.fromEntries(names.map((n) => [n, load(n)])) as Record<(typeof names)[number], KnowledgeFile>;
const all: KnowledgeEntry[] = names.flatMap((n) => files[n].entries);
const label = (e: KnowledgeEntry): string => e.name ?? `/${e.pattern}/`;

/** Placeholders the analysis expands from the called name: $STACK = "sk_<TYPE>". */
const PLACEHOLDER = /^\$(STACK_(free|pop_free)|1_free)$/;

function isRelease(fn: string): boolean {
  if (PLACEHOLDER.test(fn)) return true;
  const exact = all.find((e) => e.name === fn);
  if (exact) return exact.releases !== undefined && exact.releases.length > 0;
  return all.some((e) => e.pattern !== undefined && e.releases !== undefined && new RegExp(e.pattern).test(fn));
}

describe('knowledge base', () => {
  it.each(names)('%s matches the schema', (n) => {
    expect(() => load(n)).not.toThrow();
  });

  it('openssl.json has at least 150 entries', () => {
    expect(files['openssl.json'].entries.length).toBeGreaterThanOrEqual(150);
  });

  it.each(names)('%s: every entry cites an https document', (n) => {
    const bad = files[n].entries.filter((e) => !e.doc.startsWith('https://')).map(label);
    expect(bad).toEqual([]);
  });

  it.each(names)('%s: names and patterns are unique', (n) => {
    const seen = new Set<string>();
    const dup: string[] = [];
    for (const e of files[n].entries) {
      const key = label(e);
      if (seen.has(key)) dup.push(key);
      seen.add(key);
    }
    expect(dup).toEqual([]);
  });

  it('every release function is itself a releasing entry (or a $STACK or $1 placeholder)', () => {
    const missing: string[] = [];
    for (const e of all) {
      const lists = [e.returnsOwned?.release ?? [], ...(e.outParams ?? []).map((o) => o.release)];
      for (const fn of lists.flat()) if (!isRelease(fn)) missing.push(`${label(e)} -> ${fn}`);
    }
    expect(missing).toEqual([]);
  });

  it('every pattern compiles and is anchored', () => {
    for (const e of all) {
      if (e.pattern === undefined) continue;
      expect(() => new RegExp(e.pattern as string), e.pattern).not.toThrow();
      expect(e.pattern.startsWith('^') && e.pattern.endsWith('$'), e.pattern).toBe(true);
    }
  });

  it('spot checks: semantics that are easy to get wrong', () => {
    const get = (n: string) => all.find((e) => e.name === n);
    expect(get('X509_STORE_CTX_new')?.returnsOwned?.kind).toBe('X509_STORE_CTX');
    expect(get('SSL_set_bio')?.takes).toEqual({ args: [1, 2], when: 'always' });
    expect(get('EVP_PKEY_assign_RSA')?.takes?.when).toBe('success');
    expect(get('OPENSSL_clear_free')).toMatchObject({ releases: [0], wipes: 0 });
    expect(get('PKCS12_parse')?.outParams?.map((o) => o.arg)).toEqual([2, 3, 4]);
    expect(get('X509_STORE_CTX_set0_untrusted')?.takes).toBeUndefined();
    expect(files['cgo.json'].wrapperPrefixes).toEqual(['go_openssl_', '_goboringcrypto_', 'X_']);
  });
});
