#!/usr/bin/env node
// Runs a mocha suite inside real VS Code through @vscode/test-electron's runTests, with the
// offline harness (test/e2e/harness/code-offline) standing in for the desktop `code` binary.
// Needs scripts/e2e-setup.sh to have run once.
//
//   node test/e2e/run.mjs [--extension DIR] [--tests FILE] [--workspace PATH|none] [--desktop]
//     --extension  extension development path (default: repo root; repeatable)
//     --tests      extensionTestsPath, a module exporting run() (default: test/e2e/out/suite/index.js)
//     --workspace  folder or .code-workspace to open (default: test/e2e/workspace if it exists, else none)
//     --desktop    let runTests download desktop VS Code instead (machines with internet only)
// Exit code: the tests' (0 all passed, 1 failures, timeout or harness failure).
// Environment understood by the harness: E2E_TIMEOUT_MS, E2E_SCREENSHOT, E2E_VERBOSE, ... (see harness).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const require = createRequire(import.meta.url);

function usage(msg) {
  if (msg) console.error(`run.mjs: ${msg}`);
  console.error('usage: node test/e2e/run.mjs [--extension DIR]... [--tests FILE] [--workspace PATH|none] [--desktop]');
  process.exit(2);
}

const opts = { extensions: [], tests: undefined, workspace: undefined, desktop: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s);
  const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
  switch (flag) {
    case '--extension': opts.extensions.push(path.resolve(value())); break;
    case '--tests': opts.tests = path.resolve(value()); break;
    case '--workspace': opts.workspace = value(); break;
    case '--desktop': opts.desktop = true; break;
    case '-h': case '--help': usage(); break;
    default: usage(`unknown argument ${argv[i]}`);
  }
}

const extensionDevelopmentPath = opts.extensions.length ? opts.extensions : [REPO];
const extensionTestsPath = opts.tests ?? path.join(REPO, 'test/e2e/out/suite/index.js');
let workspace = opts.workspace;
if (workspace === undefined) {
  const def = path.join(REPO, 'test/e2e/workspace');
  workspace = existsSync(def) ? def : 'none';
}
const launchArgs = workspace === 'none' ? [] : [path.resolve(workspace)];

for (const p of [...extensionDevelopmentPath, extensionTestsPath, ...launchArgs]) {
  if (!existsSync(p)) usage(`not found: ${p}`);
}

const { runTests } = require('@vscode/test-electron');
const vscodeExecutablePath = opts.desktop ? undefined : path.join(HERE, 'harness/code-offline');

let code;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: extensionDevelopmentPath.length === 1 ? extensionDevelopmentPath[0] : extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [...launchArgs, '--disable-extensions'],
  });
} catch (e) {
  // runTests rejects with TestRunFailedError { code, signal } on a non-zero exit
  code = Number.isInteger(e?.code) && e.code !== 0 ? e.code : 1;
  if (!Number.isInteger(e?.code)) console.error(`run.mjs: ${e?.stack || e}`);
}
process.exit(code);
