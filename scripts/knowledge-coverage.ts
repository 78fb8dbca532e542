// How much of the installed OpenSSL API the knowledge base classifies: every function that the headers in
// /usr/include/openssl (or the folder given) declare as returning a pointer, directly or through the
// DECLARE_ASN1_* / DECLARE_PEM_* / DEFINE_STACK_OF families, looked up as the analysis looks it up (exact
// names, then patterns). Printed: the count, the share, and the unclassified names with --list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinKnowledge } from '../server/src/analysis/knowledge';

const args = process.argv.slice(2);
const list = args.includes('--list');
const dir = args.find((a) => !a.startsWith('--')) ?? '/usr/include/openssl';

/** Pointer-returning functions declared in one header's text. */
function declaredIn(text: string): Set<string> {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ').replace(/\\\n/g, ' ');
  const names = new Set<string>();
  // `X509 *X509_dup(const X509 *a);`, `__owur const EVP_MD *EVP_sha256(void);`, split over lines.
  for (const statement of code.split(/[;{}]/)) {
    if (/^\s*#/m.test(statement) && !/\(/.test(statement)) continue;
    const s = statement.replace(/^\s*#.*$/gm, ' ').replace(/\s+/g, ' ').trim();
    const m = /^(?:[A-Za-z_]\w*(?:\([^()]*\))? )*?[A-Za-z_][\w ]*\*+ ?\(?\s*(?:OPENSSL_)?([A-Za-z_]\w*)\s*\(/.exec(s);
    if (m && !/^(typedef|return|struct \w+ \{)/.test(s) && !/\(\s*\*/.test(s.slice(0, m.index + m[0].length - 1))) names.add(m[1]!);
  }
  for (const m of code.matchAll(/\bDECLARE_ASN1_(FUNCTIONS|FUNCTIONS_const|ENCODE_FUNCTIONS|ENCODE_FUNCTIONS_only|ALLOC_FUNCTIONS|DUP_FUNCTION)(?:_name|_fname)?\s*\(\s*(\w+)(?:\s*,\s*(\w+))?/g)) {
    const type = m[2]!;
    const name = m[3] ?? type;
    if (m[1]!.startsWith('FUNCTIONS') || m[1] === 'ALLOC_FUNCTIONS') names.add(`${name}_new`);
    if (m[1]!.startsWith('FUNCTIONS') || m[1]!.startsWith('ENCODE')) names.add(`d2i_${name}`);
    if (m[1] === 'DUP_FUNCTION') names.add(`${name}_dup`);
  }
  for (const m of code.matchAll(/\bDECLARE_PEM_(rw|read|rw_cb|rw_const|read_bio|read_fp)(?:_attr|_ex)?\s*\(\s*(?:\w+\s*,\s*)?(\w+)\s*,/g)) {
    names.add(`PEM_read_bio_${m[2]}`);
    if (!m[1]!.endsWith('bio')) names.add(`PEM_read_${m[2]}`);
  }
  for (const m of code.matchAll(/\b(?:SKM_DEFINE_STACK_OF|DEFINE_STACK_OF|DEFINE_STACK_OF_CONST)(?:_INTERNAL)?\s*\(\s*(\w+)/g)) {
    for (const op of ['new', 'new_null', 'dup', 'deep_copy', 'value', 'pop', 'shift', 'delete']) names.add(`sk_${m[1]}_${op}`);
  }
  return names;
}

const names = new Set<string>();
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.h')).sort()) {
  for (const n of declaredIn(fs.readFileSync(path.join(dir, file), 'utf8'))) names.add(n);
}
const knowledge = builtinKnowledge();
const unclassified = [...names].filter((n) => !knowledge.lookup(n)).sort();
const classified = names.size - unclassified.length;
process.stdout.write(`knowledge coverage: ${classified} of ${names.size} pointer-returning functions in ${dir} classified (${((100 * classified) / Math.max(1, names.size)).toFixed(1)} %)\n`);
if (list) process.stdout.write(`${unclassified.join('\n')}\n`);
