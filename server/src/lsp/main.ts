import { join } from 'node:path';
import type * as Lsp from './server.js';
import { CHECKS_LANE, spawnAnalysisThread, workerDataFor } from './spawn.js';

// The entry of the language server process, kept small: the checking thread is started
// first, so it loads the analysis bundle (thread.cjs, then worker.cjs) while this thread loads the
// connection's code (lsp.cjs), instead of after it.
const workerScript = join(__dirname, 'thread.cjs');
const checks = spawnAnalysisThread(workerScript, workerDataFor(CHECKS_LANE));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lsp = require('./lsp.cjs') as typeof Lsp;
lsp.main({ workerScript, prestarted: { checks } });
