// Language server for the self-check: publishes one diagnostic on the first line of every document.
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));

documents.onDidChangeContent(({ document }) => {
  const firstLine = document.getText().split('\n')[0];
  connection.sendDiagnostics({
    uri: document.uri,
    diagnostics: [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
      severity: DiagnosticSeverity.Warning,
      source: 'selfcheck',
      message: `selfcheck diagnostic from pid ${process.pid} on node ${process.version}`,
    }],
  });
});

documents.listen(connection);
connection.listen();
