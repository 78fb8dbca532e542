// Go fixes: for every test-fixtures/**/<case>.fixed.go, applying the safe fixes lint() offers on <case>.go
// gives exactly the .fixed file, which re-lints without a cgo-free finding and is gofmt- and go vet-clean
// (go must be installed: this test fails rather than skips without it).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { mergeFixes } from '../server/src/lsp/code-actions';
import type { Finding, Fix } from '../server/src/engine/types';
import { goVet } from './helpers/go-vet';

const root = path.resolve(__dirname, '..', 'test-fixtures');

function fixedCases(): Array<{ name: string; original: string; fixed: string }> {
  const out: Array<{ name: string; original: string; fixed: string }> = [];
  for (const dir of fs.readdirSync(root).sort()) {
    const full = path.join(root, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const file of fs.readdirSync(full).sort()) {
      if (!file.endsWith('.fixed.go')) continue;
      out.push({ name: `${dir}/${file}`, original: path.join(full, file.replace(/\.fixed\.go$/, '.go')), fixed: path.join(full, file) });
    }
  }
  return out;
}

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const doc = TextDocument.create('file:///fixture.go', 'go', 1, text);
  return TextDocument.applyEdits(doc, mergeFixes(fixes));
}

function lintGo(text: string): Finding[] {
  return lint({ path: 'fixture.go', text, language: 'go' }).findings;
}

function goTool(): string {
  for (const candidate of ['go', '/usr/lib/go/bin/go', '/usr/local/go/bin/go']) {
    try {
      execFileSync(candidate, ['version'], { stdio: 'pipe' });
      return candidate;
    } catch {
      /* try the next */
    }
  }
  throw new Error('go is not installed (apt-get install -y golang-go): the Go fix tests need gofmt and go vet');
}

/** gofmt -l and go vet in a temp module holding only this file. Returns the tools' complaints. */
function gofmtAndVet(name: string, text: string): string[] {
  const go = goTool();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-go-'));
  try {
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module fixture\n\ngo 1.19\n');
    fs.writeFileSync(path.join(dir, path.basename(name).replace(/\.fixed\.go$/, '.go')), text);
    const problems: string[] = [];
    const gofmt = path.join(path.dirname(go === 'go' ? execFileSync('sh', ['-c', 'command -v go']).toString().trim() : go), 'gofmt');
    const unformatted = execFileSync(fs.existsSync(gofmt) ? gofmt : 'gofmt', ['-l', '.'], { cwd: dir }).toString().trim();
    if (unformatted) problems.push(`gofmt -l: ${unformatted}`);
    const vet = goVet(dir, go);
    if (vet !== undefined) problems.push(`go vet: ${vet}`);
    return problems;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  await initParsing();
});

describe('Go safe fixes reproduce the .fixed.go files', () => {
  const cases = fixedCases();
  it('has Go fix fixtures', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    describe(c.name, () => {
      const original = fs.readFileSync(c.original, 'utf8');
      const expected = fs.readFileSync(c.fixed, 'utf8');
      it('applying every safe fix gives the .fixed file', () => {
        const fixes = lintGo(original).flatMap((f) => (f.fix ? [f.fix] : []));
        expect(fixes.length).toBeGreaterThan(0);
        expect(applyFixes(original, fixes)).toBe(expected);
      });
      it('the fixed file re-lints clean: only the findings that had no safe fix remain', () => {
        const noLines = (m: string) => m.replace(/line \d+/g, 'line N');
        const unfixable = lintGo(original).filter((f) => f.ruleId === 'cgo-free' && !f.fix).map((f) => noLines(f.message));
        const after = lintGo(expected).filter((f) => f.ruleId === 'cgo-free');
        expect(after.filter((f) => f.fix)).toEqual([]);
        expect(after.map((f) => noLines(f.message)).sort()).toEqual(unfixable.sort());
        expect(lintGo(expected).filter((f) => f.ruleId !== 'cgo-free')).toEqual([]);
      });
      it('the fixed file is gofmt- and go vet-clean', () => {
        expect(gofmtAndVet(c.name, expected)).toEqual([]);
      }, 120_000);
    });
  }
});

describe('no safe fix where a defer could change behaviour', () => {
  const header = 'package p\n\n// #include <stdlib.h>\n// #include <stdio.h>\nimport "C"\n\nimport "unsafe"\n\nvar _ = unsafe.Pointer(nil)\n\n';
  const cases: Record<string, string> = {
    'returned on some path': 'func f(s string, keep bool) *C.char {\n\tp := C.CString(s)\n\tif keep {\n\t\treturn p\n\t}\n\tC.puts(p)\n\treturn nil\n}\n',
    'inside a loop body': 'func f(xs []string) {\n\tfor _, s := range xs {\n\t\tp := C.CString(s)\n\t\tC.puts(p)\n\t}\n}\n',
    'reassigned later': 'func f(s string) {\n\tp := C.CString(s)\n\tC.puts(p)\n\tp = C.CString(s + "!")\n\tC.puts(p)\n\tC.free(unsafe.Pointer(p))\n}\n',
    'freed on another path': 'func f(s string, ok bool) {\n\tp := C.CString(s)\n\tif ok {\n\t\tC.free(unsafe.Pointer(p))\n\t}\n}\n',
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, () => {
      const findings = lintGo(header + body).filter((f) => f.ruleId === 'cgo-free');
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.fix)).toEqual([]);
    });
  }

  it('an inline C.CString argument gets a suggestion that extracts it, not a safe fix', () => {
    const text = header + 'func f(s string) {\n\tC.puts(C.CString(s))\n}\n';
    const [finding] = lintGo(text).filter((f) => f.ruleId === 'cgo-free');
    expect(finding?.fix).toBeUndefined();
    const suggestion = finding?.suggestions?.[0];
    expect(suggestion).toBeDefined();
    const applied = applyFixes(text, [suggestion!]);
    expect(applied).toContain('\tcs := C.CString(s)\n\tdefer C.free(unsafe.Pointer(cs))\n\tC.puts(cs)\n');
    expect(lintGo(applied).filter((f) => f.ruleId === 'cgo-free')).toEqual([]);
  });
});
