// Loads web-tree-sitter and the two grammars once per process; parsing is synchronous afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { LanguageId } from '../engine/types';
import { adoptCursorBinding } from './tree-walker';

const GRAMMAR_FILES: Record<LanguageId, string> = { c: 'tree-sitter-c.wasm', go: 'tree-sitter-go.wasm' };

let ready: Promise<void> | undefined;
const parsers = new Map<LanguageId, Parser>();

/** Directories that may hold the .wasm assets: next to the bundle (dist/) or the source tree (grammars/). */
function assetDirs(): string[] {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return [
    here,
    path.resolve(here, '..', '..', '..', 'grammars'),
    path.resolve(here, '..', 'grammars'),
    path.resolve(process.cwd(), 'grammars'),
    path.resolve(process.cwd(), 'dist'),
  ];
}

function findAsset(file: string, extraDirs: string[] = []): string {
  for (const dir of [...assetDirs(), ...extraDirs]) {
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`osslint: cannot find ${file} (looked next to the bundle and in grammars/)`);
}

function runtimeWasmDirs(): string[] {
  try {
    return [path.dirname(require.resolve('web-tree-sitter/package.json'))];
  } catch {
    return [path.resolve(process.cwd(), 'node_modules', 'web-tree-sitter')];
  }
}

export function initParsing(): Promise<void> {
  ready ??= (async () => {
    const runtime = findAsset('tree-sitter.wasm', runtimeWasmDirs());
    // web-tree-sitter builds its Emscripten module on this object: the tree walker calls its exports directly.
    const moduleOptions = { locateFile: () => runtime };
    await Parser.init(moduleOptions);
    adoptCursorBinding(moduleOptions);
    for (const lang of Object.keys(GRAMMAR_FILES) as LanguageId[]) {
      const language = await Language.load(findAsset(GRAMMAR_FILES[lang]));
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(lang, parser);
    }
  })();
  return ready;
}

export function isParsingReady(): boolean {
  return parsers.size === Object.keys(GRAMMAR_FILES).length;
}

/** Parses synchronously; call `initParsing()` once before. Pass `oldTree` (already edited) to reparse incrementally. */
export function parse(language: LanguageId, text: string, oldTree?: Tree | null): Tree {
  const parser = parsers.get(language);
  if (!parser) throw new Error('osslint: parsing used before initParsing() finished');
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error(`osslint: tree-sitter returned no tree for a ${language} document`);
  return tree;
}

export function languageForPath(file: string): LanguageId | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.c' || ext === '.h') return 'c';
  if (ext === '.go') return 'go';
  return undefined;
}
