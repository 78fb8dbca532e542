// The extension inside a real VS Code: code-server (VS Code 1.100 in the browser) with the packaged .vsix
// installed, driven by Chromium through playwright-core. It proves what no in-process test can: the manifest
// activates on C and Go, the bundled server starts from the installed extension, the editor shows the squiggle
// and its hover, and the quick fixes edit the file and make the finding go away.
//
// code-server comes from /work/shared/tools/install-code-server.sh (run by .ci/run); OSSLINT_CODE_SERVER
// overrides where it is looked for. Everything waits for events and selectors, never for a fixed time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVsix, root } from '../helpers/vsix';

const CODE_SERVER = process.env.OSSLINT_CODE_SERVER ?? join(homedir(), '.cache', 'code-server-e2e', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.OSSLINT_CHROMIUM ?? '/usr/bin/chromium';
// Screenshots go to test-results/e2e/ on every run, and to docs/ (the README's pictures) only when asked:
// `npm run screenshots`.
const SHOTS = process.env.OSSLINT_UPDATE_SCREENSHOTS === '1' ? join(root, 'docs') : join(root, 'test-results', 'e2e');

const LEAK_C = `#include <openssl/ssl.h>

int load_trust(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        return -1;
    if (SSL_CTX_set_default_verify_paths(ctx) != 1)
        return -1;
    SSL_CTX_free(ctx);
    return 0;
}
`;

const LEAK_GO = `package greet

// #include <stdio.h>
// #include <stdlib.h>
import "C"

func Greet(name string) {
\tp := C.CString(name)
\tC.puts(p)
}
`;

/** Two leaks for "osslint: Fix all in file". */
const TWO_LEAKS_GO = `package pair

// #include <stdio.h>
// #include <stdlib.h>
import "C"

import "unsafe"

func Pair(a, b string) {
\tx := C.CString(a)
\tC.puts(x)
\ty := C.CString(b)
\tC.puts(y)
}

var _ = unsafe.Pointer(nil)
`;

let work: string;
let server: ChildProcess | undefined;
let serverLog = '';
let context: BrowserContext | undefined;
let page: Page;
let workspace: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when code-server prints that it listens; rejects if it exits first. */
function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      serverLog += String(d);
      if (/HTTP server listening/.test(serverLog)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${serverLog}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(CODE_SERVER)) {
    throw new Error(`code-server not found at ${CODE_SERVER}: run bash /work/shared/tools/install-code-server.sh (or set OSSLINT_CODE_SERVER)`);
  }
  work = mkdtempSync(join(tmpdir(), 'osslint-e2e-'));
  const extensions = join(work, 'extensions');
  const userData = join(work, 'user-data');
  workspace = join(work, 'project');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'leak.c'), LEAK_C);
  writeFileSync(join(workspace, 'greet.go'), LEAK_GO);
  writeFileSync(join(workspace, 'pair.go'), TWO_LEAKS_GO);
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'editor.hover.delay': 150,
      'editor.minimap.enabled': false,
      'editor.stickyScroll.enabled': false,
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }),
  );

  const vsix = packageVsix(join(work, 'osslint.vsix'));
  const install = spawnSync(CODE_SERVER, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);

  const port = await freePort();
  server = spawn(
    CODE_SERVER,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
     '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PASSWORD: undefined } },
  );
  await waitForListening(server);

  context = await chromium.launchPersistentContext(join(work, 'chromium'), {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 760 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}, 240_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens a workspace file with Quick Open and waits for its editor. */
async function openFile(name: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator(`.editor-group-container .monaco-editor[data-uri$="${name}"]`);
  await editor.waitFor();
  return editor;
}

/** VS Code opens the Extensions view after an install; close the side bar so screenshots show the editor. */
async function closeSideBar(): Promise<void> {
  if (await page.locator('.part.sidebar').isVisible()) await runCommand('View: Close Primary Side Bar');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
}

/** Runs a command from the Command Palette by its title. */
async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Saves the active editor until the file on disk differs from `before`, and returns its text (the rendered
 * lines are virtualised and out of order in the DOM, so the file is the reliable witness of an edit). Commands
 * apply their edits asynchronously: a save before the edit lands writes the old text, and a read during the
 * write sees an empty file, so neither counts, and the next save writes the edited text.
 */
async function savedText(name: string, before: string): Promise<string> {
  const file = join(workspace, name);
  let text = '';
  await expect
    .poll(
      async () => {
        await page.keyboard.press('Control+S');
        text = readFileSync(file, 'utf8');
        return text !== before && text !== '';
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  return text;
}

/**
 * Puts the cursor on a squiggle, opens the quick-fix menu (Ctrl+.), optionally saves a screenshot of it, and
 * picks the action whose title contains `title`.
 */
async function quickFix(editor: Locator, squiggle: Locator, title: string, screenshot?: string): Promise<void> {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  // On a loaded machine the menu can open before the code actions arrive and then show none: ask again.
  for (let attempt = 1; ; attempt++) {
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('squiggle has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Escape'); // a hover may have opened on the way
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ timeout: 20_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  if (screenshot) {
    await item.hover({ force: true });
    await page.screenshot({ path: screenshot });
  }
  // The menu re-renders as the mouse moves over it, so Playwright never sees the row "stable": click by box.
  const row = await item.boundingBox();
  if (!row) throw new Error('quick-fix row has no box');
  await page.mouse.click(row.x + row.width / 2, row.y + row.height / 2);
  await page.locator('.action-widget').waitFor({ state: 'hidden' });
  await editor.locator('.view-lines').click({ position: { x: 1, y: 1 } }).catch(() => undefined);
}

/** Moves the mouse onto an element the text layer covers (squiggles are drawn under it). */
async function hoverOver(target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('element has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
}

describe('osslint in VS Code (code-server)', { timeout: 120_000 }, () => {
  it('shows the C leak as a squiggle with its message on hover', async () => {
    const editor = await openFile('leak.c');
    const squiggle = editor.locator('.squiggly-warning').first();
    await squiggle.waitFor({ timeout: 60_000 });
    await closeSideBar();
    // The status bar item counts the active file's findings.
    await page.locator('.statusbar-item', { hasText: 'osslint: 1' }).waitFor();
    await hoverOver(squiggle);
    const hover = page.locator('.monaco-hover', { hasText: 'SSL_CTX_new' });
    await hover.waitFor();
    expect(await hover.innerText()).toMatch(/`?ctx`? \(SSL_CTX_new\) is not released/);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'squiggle-hover.png') });
    await page.mouse.move(0, 0);
    await hover.waitFor({ state: 'hidden' });
  });

  it('silences the C finding with the "ignore this finding" quick fix, and the squiggle goes away', async () => {
    const editor = await openFile('leak.c');
    const squiggle = editor.locator('.squiggly-warning').first();
    await squiggle.waitFor();
    await quickFix(editor, squiggle, 'Ignore this `ossl-leak` finding');
    expect(await savedText('leak.c', LEAK_C)).toBe(LEAK_C.replace('    SSL_CTX *ctx', '    // osslint-ignore ossl-leak: reason\n    SSL_CTX *ctx'));
    await squiggle.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await editor.locator('.squiggly-warning, .squiggly-error').count()).toBe(0);
  });

  it('fixes the Go cgo leak with the "Insert `defer C.free(unsafe.Pointer(p))`" quick fix, and the squiggle goes away', async () => {
    const editor = await openFile('greet.go');
    const squiggle = editor.locator('.squiggly-warning').first();
    await squiggle.waitFor({ timeout: 60_000 });
    await closeSideBar();
    await quickFix(editor, squiggle, 'Insert `defer C.free(unsafe.Pointer(p))`', join(SHOTS, 'quick-fix.png'));
    const fixed = await savedText('greet.go', LEAK_GO);
    expect(fixed).toContain('\tp := C.CString(name)\n\tdefer C.free(unsafe.Pointer(p))\n');
    expect(fixed).toMatch(/import "unsafe"|"unsafe"/);
    await squiggle.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await editor.locator('.squiggly-warning, .squiggly-error').count()).toBe(0);
  });

  it('"osslint: Fix all in file" applies every safe fix of the Go file', async () => {
    const editor = await openFile('pair.go');
    await expect.poll(() => editor.locator('.squiggly-warning').count(), { timeout: 60_000 }).toBe(2);
    await runCommand('osslint: Fix all in file');
    const fixed = await savedText('pair.go', TWO_LEAKS_GO);
    expect(fixed).toContain('\tx := C.CString(a)\n\tdefer C.free(unsafe.Pointer(x))\n');
    expect(fixed).toContain('\ty := C.CString(b)\n\tdefer C.free(unsafe.Pointer(y))\n');
    await expect.poll(() => editor.locator('.squiggly-warning, .squiggly-error').count(), { timeout: 30_000 }).toBe(0);
  });
});
