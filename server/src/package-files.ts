// The files a file's analysis reads beside it: for Go, the other files of its package (a helper in util.go
// that frees its argument); for C, the project headers it includes (`NORETURN void util_fatal(…)` in util.h).
// Used by both front ends; open editor buffers win over the text on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectSource } from './analysis/c/project-index';
import { cgoPreamble, isCgoCSource } from './analysis/go/cgo-helpers';
import { builtByDefault } from './analysis/go/build-constraints';

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
    const sibling = textOf(full, openText);
    if (sibling === undefined) continue;
    if (packageNameOf(sibling) === own && builtByDefault(name, sibling)) out.push({ path: full, text: sibling });
  }
  const preambles = [{ path: path.resolve(file), text: cgoPreamble(text) }, ...out.map((f) => ({ path: f.path, text: cgoPreamble(f.text) }))].filter((p) => p.text);
  return preambles.length ? [...out, ...cgoCFiles(dir, names, preambles, openText)] : out;
}

/**
 * The C a cgo package compiles: its folder's .c and .h files, and the headers its preambles include with
 * quotes from elsewhere (`#include "../include/foo.h"`).
 */
function cgoCFiles(dir: string, names: string[], preambles: PackageFile[], openText?: (file: string) => string | undefined): PackageFile[] {
  const out: PackageFile[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!isCgoCSource(name)) continue;
    const full = path.join(dir, name);
    const text = textOf(full, openText);
    if (text === undefined) continue;
    seen.add(full);
    out.push({ path: full, text });
  }
  for (const p of preambles) {
    for (const header of cLocalHeaders(p.path, p.text, openText)) {
      if (seen.has(header.path)) continue;
      seen.add(header.path);
      out.push(header);
    }
  }
  return out;
}

export function companionFiles(language: 'c' | 'go', file: string, text: string, openText?: (file: string) => string | undefined): PackageFile[] {
  return language === 'go' ? goPackageFiles(file, text, openText) : cLocalHeaders(file, text, openText);
}

/** How far up from the file's folder an `#include "dir/x.h"` is looked for (src/tool.c including "util/x.h"). */
const INCLUDE_LEVELS = 3;

/** How deep includes of includes are followed (tool.c → internal.h → log.h), and how many headers at most. */
const INCLUDE_DEPTH = 3;
const MAX_HEADERS = 48;

/**
 * The headers a C file includes with quotes, found beside the including file or in a folder above it (or its
 * include/), and the headers those include, breadth first: their declarations and macros are what the file's
 * calls are compiled against.
 */
export function cLocalHeaders(file: string, text: string, openText?: (file: string) => string | undefined): PackageFile[] {
  const out: PackageFile[] = [];
  const seen = new Set<string>([path.resolve(file)]);
  let level: Array<{ from: string; text: string }> = [{ from: path.resolve(file), text }];
  for (let depth = 0; depth < INCLUDE_DEPTH && level.length && out.length < MAX_HEADERS; depth++) {
    const next: typeof level = [];
    for (const { from, text: including } of level) {
      for (const name of quotedIncludes(including)) {
        const found = findHeader(path.dirname(from), name, openText);
        if (!found || seen.has(found.path) || out.length >= MAX_HEADERS) continue;
        seen.add(found.path);
        out.push(found);
        next.push({ from: found.path, text: found.text });
      }
    }
    level = next;
  }
  return out;
}

/**
 * Where `#include "name"` from `dir` resolved, for a moment: every file of a folder includes the same headers,
 * and each lookup tries up to eight places (a header created since is seen once the moment has passed).
 */
const resolved = new Map<string, { path: string | undefined; at: number }>();
const RESOLVED_FOR_MS = 2000;
const RESOLVED_LIMIT = 4096;

/** The `#include "x.h"` names of a text, read once per text (a header is read by every file including it). */
const includesByText = new Map<string, string[]>();

function quotedIncludes(text: string): string[] {
  let names = includesByText.get(text);
  if (!names) {
    names = [...text.matchAll(/^[ \t]*#[ \t]*include[ \t]*"([^"\n]+\.h)"/gm)].map((m) => m[1]!);
    if (includesByText.size >= RESOLVED_LIMIT) includesByText.clear();
    includesByText.set(text, names);
  }
  return names;
}

function findHeader(dir: string, name: string, openText?: (file: string) => string | undefined): PackageFile | undefined {
  const key = `${dir}\0${name}`;
  const now = Date.now();
  const known = resolved.get(key);
  if (known && now - known.at < RESOLVED_FOR_MS) {
    if (known.path === undefined) return undefined;
    const text = textOf(known.path, openText);
    if (text !== undefined) return { path: known.path, text };
  }
  let found: PackageFile | undefined;
  for (let level = 0, base = dir; level <= INCLUDE_LEVELS && !found; level++, base = path.dirname(base)) {
    for (const candidate of [path.join(base, name), path.join(base, 'include', name)]) {
      const text = textOf(candidate, openText);
      if (text === undefined) continue;
      found = { path: candidate, text };
      break;
    }
  }
  if (resolved.size >= RESOLVED_LIMIT) resolved.clear();
  resolved.set(key, { path: found?.path, at: now });
  return found;
}

/** An open editor buffer's text, else the file's. */
function textOf(file: string, openText?: (file: string) => string | undefined): string | undefined {
  return openText?.(file) ?? readUnchanged(file);
}

/** Files read before, kept while their size and modification time stay the same (the editor asks per keystroke). */
const readCache = new Map<string, { mtimeMs: number; size: number; text: string; checkedAt: number }>();
const READ_CACHE_LIMIT = 512;

function readUnchanged(file: string): string | undefined {
  const now = Date.now();
  const cached = readCache.get(file);
  // Checked a moment ago (a header every file of a folder includes): no second stat.
  if (cached && now - cached.checkedAt < RESOLVED_FOR_MS) return cached.text;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      cached.checkedAt = now;
      return cached.text;
    }
    const text = fs.readFileSync(file, 'utf8');
    // The oldest goes first: a project scan reads every file once and must not push out the shared headers.
    if (readCache.size >= READ_CACHE_LIMIT) readCache.delete(readCache.keys().next().value!);
    readCache.delete(file);
    readCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text, checkedAt: now });
    return text;
  } catch {
    return undefined;
  }
}

/** Folders never part of a C project's sources. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'third_party', 'third-party', 'external']);
/** A tree larger than this is not one project to index whole (a monorepo, `/`): the rest is left out. */
const MAX_PROJECT_FILES = 20000;

/** The `.c` files under `root`, sorted, hidden and vendored folders left out. */
export function cProjectFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_PROJECT_FILES) return;
      if (e.name.startsWith('.') || SKIPPED_FOLDERS.has(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.c')) out.push(full);
    }
  };
  walk(path.resolve(root));
  return out;
}

/** The project's C files read from disk (open buffers first), with the headers each includes. */
export function cProjectSource(root: string, openText?: (file: string) => string | undefined): ProjectSource {
  let files: string[] | undefined;
  return {
    files: () => (files ??= cProjectFiles(root)),
    text: (file) => textOf(file, openText),
    headers: (file, text) => cLocalHeaders(file, text, openText),
  };
}

/**
 * The project a set of linted paths belongs to: the folder of the nearest `compile_commands.json` at or above
 * their common folder, else the enclosing repository (the folder holding `.git`), else that common folder.
 */
export function cProjectRoot(paths: readonly string[]): string | undefined {
  if (!paths.length) return undefined;
  let common = path.dirname(path.resolve(paths[0]!));
  for (const p of paths) {
    const dir = path.dirname(path.resolve(p));
    while (common !== path.dirname(common) && dir !== common && !dir.startsWith(common + path.sep)) common = path.dirname(common);
  }
  for (let dir = common; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'compile_commands.json'))) return dir;
    // Without a compilation database the repository is the project: its other files define the helpers.
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (dir === path.dirname(dir)) break;
  }
  return common;
}

/** Changes whenever a C file of the project is added, removed or modified (path, size and mtime of each). */
export function cProjectStamp(root: string): string {
  const parts: string[] = [];
  for (const file of cProjectFiles(root)) {
    try {
      const stat = fs.statSync(file);
      parts.push(`${file}\0${stat.size}\0${stat.mtimeMs}`);
    } catch {
      parts.push(file);
    }
  }
  return parts.join('\n');
}
