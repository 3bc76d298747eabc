// Self-check of test/e2e/harness/code-offline: VS Code API, a Node language server over IPC,
// environment passed through to the extension host, and the screenshot handshake.
// SELFCHECK_FAIL=1 makes the last test fail (the run must then exit 1).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const WORKSPACE = path.resolve(__dirname, '../workspace');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// Screenshot handshake with the harness (no-op outside it).
async function screenshot(name) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const req = path.join(dir, `request-${name}`);
  fs.writeFileSync(req, '');
  await waitFor(`screenshot ${name}`, () => !fs.existsSync(req), 15000);
  return path.join(dir, `${name}.png`);
}

describe('code-offline harness self-check', () => {
  let api;

  before(async () => {
    const ext = vscode.extensions.getExtension('committee-reports.e2e-selfcheck');
    assert.ok(ext, 'self-check extension is loaded as the development extension');
    api = await ext.activate();
  });

  it('opened the folder given to runTests', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(folders.map((f) => f.uri.fsPath), [WORKSPACE]);
    assert.equal(folders[0].uri.scheme, 'file');
  });

  it('runs a command of the extension', async () => {
    const before = api.helloCount;
    assert.equal(await vscode.commands.executeCommand('selfcheck.hello', 'e2e'), 'hello e2e');
    assert.equal(api.helloCount, before + 1);
  });

  it('applies the harness user settings', () => {
    assert.equal(vscode.workspace.getConfiguration('workbench').get('startupEditor'), 'none');
  });

  it('gets a diagnostic from a Node language server over IPC', async () => {
    const uri = vscode.Uri.file(path.join(WORKSPACE, 'sample.selfcheck'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length ? d : undefined;
    });
    assert.equal(diags.length, 1);
    assert.equal(diags[0].source, 'selfcheck');
    assert.match(diags[0].message, /^selfcheck diagnostic from pid \d+ on node v\d+/);
    console.log(`  language server said: ${diags[0].message}`);
  });

  it('sees the harness environment and takes a screenshot on request', async () => {
    assert.ok(process.env.E2E_SCREENSHOT_DIR, 'E2E_SCREENSHOT_DIR reaches the extension host');
    const png = await screenshot('selfcheck-editor');
    const head = fs.readFileSync(png).subarray(0, 8);
    assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  });

  it('passes unless SELFCHECK_FAIL=1', () => {
    assert.notEqual(process.env.SELFCHECK_FAIL, '1', 'SELFCHECK_FAIL=1 asked for a failure');
  });
});
