// A worker thread of `committee-report check` (check-run.ts): checks the reports it is
// sent, one message each, and answers with their outcomes.
import { parentPort } from 'node:worker_threads';
import { installDictionary } from '../node/dictionary.js';
import { loadDictionary } from '../core/prose/dictionary.js';
import { nodeFileSystem } from '../node/fs.js';
import { SettingsByFolder } from './settings.js';
import { checkFileTask, type FileTask } from './check-task.js';

installDictionary();
// Loaded while the main thread reads the reports, before the first arrives.
setImmediate(loadDictionary);

const settings = new SettingsByFolder(nodeFileSystem);

parentPort!.on('message', (msg: { id: number; task: FileTask }) => {
  try {
    parentPort!.postMessage({ id: msg.id, outcome: checkFileTask(msg.task, settings.get(msg.task.settingsDir)) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
