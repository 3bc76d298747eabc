// A worker thread of `committee-report check` (check-run.ts): checks the reports it is
// sent, one message each, and answers with their outcomes.
import { parentPort } from 'node:worker_threads';
import { installDictionary } from '../node/dictionary.js';
import { loadDictionary } from '../core/prose/dictionary.js';
import { nodeFileSystem } from '../node/fs.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../core/workspace.js';
import { checkFileTask, type FileTask } from './check-task.js';

installDictionary();
// Loaded while the main thread reads the reports, before the first arrives.
setImmediate(loadDictionary);

const settingsByDir = new Map<string, WorkspaceSettings>();

parentPort!.on('message', (msg: { id: number; task: FileTask }) => {
  try {
    const dir = msg.task.settingsDir;
    let settings = settingsByDir.get(dir);
    if (!settings) settingsByDir.set(dir, (settings = loadWorkspaceSettings(nodeFileSystem, dir)));
    parentPort!.postMessage({ id: msg.id, outcome: checkFileTask(msg.task, settings) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
