// Headless entry for CI: `osslint [paths...] [options]`. Bundled by esbuild.mjs into dist/cli.js.
import { runCli } from './cli/run';
import { tuneHeapForBatchLinting } from './cli/heap';

tuneHeapForBatchLinting();

// `osslint … | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// exitCode, not exit(): a large report written to a pipe must drain before the process ends.
void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
