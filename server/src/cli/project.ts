// Name, version and home of the tool, from package.json (bundled into dist/cli.js by esbuild).
import manifest from '../../../package.json';

interface Manifest {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

// Used until package.json names a repository or homepage.
const FALLBACK_URL = 'https://github.com/osslint/osslint';

export function toolVersion(): string {
  return (manifest as Manifest).version;
}

/** The project's web address, or a file in its repository (`rules/ossl-leak.md`) on the main branch. */
export function projectUrl(file?: string): string {
  const m = manifest as Manifest;
  const repo = typeof m.repository === 'string' ? m.repository : m.repository?.url;
  const base = (repo ?? FALLBACK_URL).replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  if (file) return `${base}/blob/main/${file}`;
  return m.homepage ?? base;
}
