// Which files to lint, and reading them: folders are searched recursively; the result is sorted and unique.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageId } from '../engine/types';
import { languageForPath } from '../parsing/parser';
import { UsageError } from './errors';

/** Directory names skipped while recursing (an explicitly named folder is still searched). */
export const IGNORED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', 'vendor']);
export const SUPPORTED_EXTENSIONS = ['.c', '.h', '.go'] as const;

export interface SourceFile {
  /** Absolute path. */
  path: string;
  language: LanguageId;
}

/** Resolves the command-line paths against `cwd`; throws UsageError for a missing path or an unsupported file. */
export function collectFiles(paths: readonly string[], cwd: string): SourceFile[] {
  const found = new Map<string, SourceFile>();
  for (const arg of paths) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${arg}`);
    }
    if (stat.isDirectory()) {
      walk(abs, found);
    } else if (stat.isFile()) {
      const language = languageForPath(abs);
      if (!language) {
        throw new UsageError(`unsupported file type: ${arg} (osslint lints ${SUPPORTED_EXTENSIONS.join(', ')} files)`);
      }
      found.set(abs, { path: abs, language });
    } else {
      throw new UsageError(`not a regular file or directory: ${arg}`);
    }
  }
  // Code-unit order, not locale order: the same on every machine.
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(dir: string, found: Map<string, SourceFile>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`cannot read directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!IGNORED_DIRECTORIES.has(entry.name)) walk(full, found);
      continue;
    }
    // Symbolic links to files are followed; links to folders are not (they can form cycles).
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        isFile = fs.statSync(full).isFile();
      } catch {
        isFile = false; // dangling link
      }
    }
    if (!isFile) continue;
    const language = languageForPath(full);
    if (language) found.set(full, { path: full, language });
  }
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8. Binary files (NUL bytes) and invalid UTF-8 are reported, not thrown. */
export function readSource(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    // The decoder drops a leading BOM, as editors do, so columns match what the user sees.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
}
