import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import { runWorker } from './worker.js';

// One bundle, two roles: the connection's thread starts the server, and the same file
// runs again as each analysis worker thread.
if (isMainThread) {
  startServer(createConnection(ProposedFeatures.all), { workerScript: __filename });
} else {
  runWorker();
}
