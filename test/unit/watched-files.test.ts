import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyWatchedFiles, type WatchedChange } from '../../server/src/core/watched-files.js';

/** Folders with a pack manifest on disk. */
const packs = new Set(['/ws/oct', '/ws/oct/deep', '/ws/nov']);
const hasManifest = (dir: string): boolean => packs.has(dir);
const none = { settingsFiles: new Set<string>(), openFiles: new Set<string>(), hasManifest };
const changed = (...paths: string[]): WatchedChange[] => paths.map((path) => ({ path, kind: 'changed' }));

test('config files by name, and the profile files the configs name, are settings', () => {
  for (const name of ['.committee-reports.json', '.committee-reports.yaml', '.committee-reports.yml']) {
    assert.deepEqual(classifyWatchedFiles(changed(`/ws/sub/${name}`), none), { settings: true, packFolders: [] }, name);
  }
  const known = { ...none, settingsFiles: new Set(['/ws/profiles/city.profile.json']) };
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/profiles/city.profile.json', kind: 'deleted' }], known), { settings: true, packFolders: [] });
  // A profile no config names is nothing the server reads.
  assert.deepEqual(classifyWatchedFiles(changed('/ws/profiles/other.profile.json'), known), { settings: false, packFolders: [] });
});

test("a manifest or a report invalidates its own folder's pack, each folder once, in order", () => {
  const r = classifyWatchedFiles(
    [
      { path: '/ws/nov/pack.yml', kind: 'created' },
      { path: '/ws/oct/pack.yaml', kind: 'changed' },
      { path: '/ws/oct/a.report.md', kind: 'deleted' },
      { path: '/ws/oct/notes.MD', kind: 'changed' },
      { path: '/ws/oct/deep/b.report.md', kind: 'created' },
    ],
    none,
  );
  assert.deepEqual(r, { settings: false, packFolders: ['/ws/nov', '/ws/oct', '/ws/oct/deep'] });
});

test('a report in a folder with no manifest changes nothing; a manifest created or deleted there does', () => {
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/drafts/a.report.md', kind: 'created' }, ...changed('/ws/drafts/b.report.md')], none), { settings: false, packFolders: [] });
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/drafts/pack.yaml', kind: 'created' }], none), { settings: false, packFolders: ['/ws/drafts'] });
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/drafts/pack.yml', kind: 'deleted' }], none), { settings: false, packFolders: ['/ws/drafts'] });
});

test('other files change nothing', () => {
  assert.deepEqual(classifyWatchedFiles(changed('/ws/oct/pack.yaml.bak', '/ws/oct/report.docx', '/ws/oct/mdfile', '/ws/oct/old-pack.yaml'), none), { settings: false, packFolders: [] });
  assert.deepEqual(classifyWatchedFiles([], none), { settings: false, packFolders: [] });
});

test("a report open in the editor and changed on disk was saved: its pack already has its text, nothing is stale", () => {
  const known = { ...none, openFiles: new Set(['/ws/oct/a.report.md', '/ws/nov/c.report.md']) };
  assert.deepEqual(classifyWatchedFiles(changed('/ws/oct/a.report.md'), known), { settings: false, packFolders: [] });
  // Its creation or deletion changes the folder's list of reports.
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/oct/a.report.md', kind: 'deleted' }], known), { settings: false, packFolders: ['/ws/oct'] });
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/oct/a.report.md', kind: 'created' }], known), { settings: false, packFolders: ['/ws/oct'] });
  // So does anything else of its folder changed in the same batch.
  assert.deepEqual(classifyWatchedFiles(changed('/ws/oct/a.report.md', '/ws/oct/pack.yaml', '/ws/nov/c.report.md'), known), { settings: false, packFolders: ['/ws/oct'] });
});

test('a deleted folder makes stale the known folders in it, and the settings when a profile file was in it', () => {
  const known = { ...none, knownDirs: new Set(['/ws/oct', '/ws/oct/deep', '/ws/octave', '/ws/nov']), settingsFiles: new Set(['/ws/oct/deep/city.profile.json']) };
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/oct', kind: 'deleted' }], known), { settings: true, packFolders: ['/ws/oct', '/ws/oct/deep'] });
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/nov', kind: 'deleted' }], known), { settings: false, packFolders: ['/ws/nov'] });
  // A folder no report or pack the server knows is in, or one only changed, makes nothing stale.
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/dec', kind: 'deleted' }], known), { settings: false, packFolders: [] });
  assert.deepEqual(classifyWatchedFiles([{ path: '/ws/nov', kind: 'changed' }], known), { settings: false, packFolders: [] });
});



test('settings and packs in one batch are both reported', () => {
  assert.deepEqual(classifyWatchedFiles(changed('/ws/.committee-reports.json', '/ws/oct/pack.yaml'), none), { settings: true, packFolders: ['/ws/oct'] });
});
