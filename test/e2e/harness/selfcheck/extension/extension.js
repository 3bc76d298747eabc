// Throwaway extension for the harness self-check: one command, one language server over IPC.
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;
const state = { helloCount: 0 };

async function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('selfcheck.hello', (who) => {
    state.helloCount++;
    return `hello ${who ?? 'world'}`;
  }));
  const module = path.join(__dirname, 'server.js');
  client = new LanguageClient('selfcheck', 'Self-check language server',
    { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } },
    { documentSelector: [{ scheme: 'file', language: 'selfcheck' }] });
  await client.start();
  return state;
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
