// The files a file's analysis reads beside it: for Go, the other files of its package (a helper in util.go
// that frees its argument); for C, the project headers it includes (`NORETURN void util_fatal(…)` in util.h).
// Used by both front ends; open editor buffers win over the text on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PackageFile {
  path: string;
  text: string;
}

/** Skip generated giants: summaries of a 1 MB file are not worth reading it for every sibling. */
const MAX_BYTES = 1 << 20;

export function packageNameOf(text: string): string | undefined {
  return /^\s*package\s+([A-Za-z_]\w*)/m.exec(text)?.[1];
}

/**
 * The `.go` files beside `file` that declare the same package (tests only for a test file). `openText`
 * returns an open buffer's text for a path, if any.
 */
export function goPackageFiles(file: string, text: string, openText?: (file: string) => string | undefined): PackageFile[] {
  const dir = path.dirname(path.resolve(file));
  const own = packageNameOf(text);
  if (!own) return [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const isTest = file.endsWith('_test.go');
  const out: PackageFile[] = [];
  for (const name of names.sort()) {
    const full = path.join(dir, name);
    if (!name.endsWith('.go') || full === path.resolve(file)) continue;
    if (name.endsWith('_test.go') && !isTest) continue;
    const sibling = openText?.(full) ?? readUnchanged(full);
    if (sibling === undefined) continue;
    if (packageNameOf(sibling) === own) out.push({ path: full, text: sibling });
  }
  return out;
}

export function companionFiles(language: 'c' | 'go', file: string, text: string, openText?: (file: string) => string | undefined): PackageFile[] {
  return language === 'go' ? goPackageFiles(file, text, openText) : cLocalHeaders(file, text, openText);
}

/** How far up from the file's folder an `#include "dir/x.h"` is looked for (src/tool.c including "util/x.h"). */
const INCLUDE_LEVELS = 3;

/**
 * The headers a C file includes with quotes, found beside it or in a folder above it (or its include/). Only
 * the file's own includes: their declarations are what the file's calls are compiled against.
 */
export function cLocalHeaders(file: string, text: string, openText?: (file: string) => string | undefined): PackageFile[] {
  const out: PackageFile[] = [];
  const seen = new Set<string>();
  const dir = path.dirname(path.resolve(file));
  for (const m of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*"([^"\n]+\.h)"/gm)) {
    const name = m[1]!;
    for (let level = 0, base = dir; level <= INCLUDE_LEVELS; level++, base = path.dirname(base)) {
      const candidates = [path.join(base, name), path.join(base, 'include', name)];
      const found = candidates.find((c) => !seen.has(c) && (openText?.(c) !== undefined || readUnchanged(c) !== undefined));
      if (!found) continue;
      seen.add(found);
      out.push({ path: found, text: openText?.(found) ?? readUnchanged(found)! });
      break;
    }
  }
  return out;
}

/** Files read before, kept while their size and modification time stay the same (the editor asks per keystroke). */
const readCache = new Map<string, { mtimeMs: number; size: number; text: string }>();
const READ_CACHE_LIMIT = 512;

function readUnchanged(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    const cached = readCache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    const text = fs.readFileSync(file, 'utf8');
    if (readCache.size >= READ_CACHE_LIMIT) readCache.clear();
    readCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  } catch {
    return undefined;
  }
}
