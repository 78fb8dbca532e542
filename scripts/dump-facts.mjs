// Prints every acquisition site and its facts (leak, double release, use after release, fix hints) for every C and
// Go file under the given folders, one JSON line per file. Two runs compare a refactor of the analysis far more
// closely than the findings do (a site with no finding is compared too):
//
//   node scripts/dump-facts.mjs examples test-fixtures ~/src/project > before.jsonl   (then change, rerun, cmp)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = `
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { initParsing, languageForPath, parse } from './server/src/parsing/parser';
import { analyzeTree } from './server/src/analysis/analyze';
import { builtinKnowledge } from './server/src/analysis/knowledge';
function* walk(path) {
  if (!statSync(path).isDirectory()) return yield path;
  for (const e of readdirSync(path).sort()) if (e !== 'node_modules' && e !== '.git') yield* walk(join(path, e));
}
(async () => {
  await initParsing();
  const knowledge = builtinKnowledge();
  for (const top of process.argv.slice(2)) {
    for (const file of walk(top)) {
      const language = languageForPath(file);
      if (!language) continue;
      const text = readFileSync(file, 'utf8');
      const tree = parse(language, text);
      process.stdout.write(JSON.stringify({ file, analysis: analyzeTree(tree, language, text, knowledge) }) + '\\n');
      tree.delete();
    }
  }
})();
`;
const dir = mkdtempSync(join(tmpdir(), 'osslint-facts-'));
const outfile = join(dir, 'dump-facts.js');
try {
  await bundleForNode({ stdin: { contents: entry, resolveDir: root, loader: 'ts' } }, outfile);
  writeFileSync(join(dir, 'package.json'), '{}');
  const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
