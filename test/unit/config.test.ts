import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { loadWorkspaceSettings, type FileSystem } from '../../server/src/core/workspace.js';
import { checkReport } from '../../server/src/core/check.js';
import { BUILTIN_PROFILES, ProfileRegistry, profileValidations } from '../../server/src/core/templates/loader.js';
import { BUILTIN_SOURCES } from '../../server/src/core/templates/builtin-sources.js';
import { profileSchemas } from '../../server/src/core/templates/schema.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const example = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'leicester-city-executive.report.md'), 'utf8');

function memoryFs(files: Record<string, string>): FileSystem {
  return { readFile: (p) => files[p] };
}

test('config: severity overrides and category switches apply', () => {
  const { config, problems } = readConfig('{ "rules": { "structure/heading-style": "error", "metadata": "off" } }', RULES);
  assert.deepEqual(problems, []);
  assert.equal(config.rules.get('structure/heading-style')!.severity, 'error');
  for (const r of RULES.filter((x) => x.category === "metadata")) assert.equal(config.rules.get(r.id)!.severity, 'off');
});

test('config: an unknown rule id is reported on its key, with the nearest id', () => {
  const text = '{\n  "rules": {\n    "structure/heading-wordng": "off"\n  }\n}\n';
  const { problems } = readConfig(text, RULES);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.path, 'rules.structure/heading-wordng');
  assert.match(problems[0]!.message, /structure\/heading-wording/);
  assert.deepEqual(problems[0]!.range.start, { line: 2, character: 4 });
});

test('config: a bad severity names the exact path and points at the value', () => {
  const text = 'rules:\n  structure/heading-style: loud\n';
  const { problems, config } = readConfig(text, RULES);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.path, 'rules.structure/heading-style');
  assert.equal(problems[0]!.range.start.line, 1);
  // The server keeps working with defaults.
  assert.equal(config.rules.get('structure/heading-style')!.severity, 'info');
});

test('config: broken JSON is reported at the position of the error', () => {
  const { problems } = readConfig('{\n  "rules": { "a": "off" \n', RULES);
  assert.ok(problems.length >= 1);
  assert.match(problems[0]!.message, /Not valid JSON\/YAML/);
  assert.ok(problems[0]!.range.start.line >= 1);
});

test('config: an unknown top-level key is pointed at', () => {
  const { problems } = readConfig('{\n  "rulez": {}\n}', RULES);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.range.start, { line: 1, character: 2 });
});

test('workspace: a profile extending a built-in is used by reports that name it', () => {
  const fs = memoryFs({
    '/ws/.committee-reports.json': '{ "profiles": ["templates/ours.yaml"] }',
    '/ws/templates/ours.yaml': 'id: our-council/executive\nextends: leicester-city/executive\ncouncil: Our Council\n',
  });
  const s = loadWorkspaceSettings(fs, '/ws/reports', '/ws');
  assert.deepEqual(s.problems, []);
  assert.equal(s.profiles.get('our-council/executive')?.council, 'Our Council');
  const text = example.replace('template: leicester-city/executive', 'template: our-council/executive');
  const r = checkReport(text, { profiles: s.profiles, config: s.config, today: '2026-02-20' });
  assert.equal(r.profile?.id, 'our-council/executive');
  assert.deepEqual(r.findings.map((f) => f.ruleId), []);
});

test('workspace: errors in a profile file carry the exact path of the bad value', () => {
  const fs = memoryFs({
    '/ws/.committee-reports.yaml': 'profiles:\n  - ours.json\n  - missing.json\n',
    '/ws/ours.json': JSON.stringify(
      {
        id: 'our-council/committee',
        council: 'Our Council',
        name: 'Committee',
        numbering: 'continuous',
        frontMatter: [],
        sections: [{ id: 'purpose', title: 'Purpose' }, { id: 'papers', title: 'Papers', kind: 'paperz' }],
      },
      null,
      2,
    ),
  });
  const s = loadWorkspaceSettings(fs, '/ws', '/ws');
  const ours = s.problems.find((p) => p.file === '/ws/ours.json')!;
  assert.equal(ours.problems[0]!.path, 'sections[1].kind');
  const line = fs.readFile('/ws/ours.json')!.split('\n')[ours.problems[0]!.range.start.line]!;
  assert.match(line, /"kind": "paperz"/);
  const cfg = s.problems.find((p) => p.file === '/ws/.committee-reports.yaml')!;
  assert.equal(cfg.problems[0]!.path, 'profiles[1]');
  assert.equal(cfg.problems[0]!.range.start.line, 2);
  // Built-ins still work.
  assert.ok(s.profiles.get('leicester-city/executive'));
});

test('workspace: extends naming an unknown profile is reported on "extends"', () => {
  const fs = memoryFs({
    '/ws/.committee-reports.json': '{ "profiles": ["p.yaml"] }',
    '/ws/p.yaml': 'id: a/b\nextends: nowhere/none\n',
  });
  const s = loadWorkspaceSettings(fs, '/ws', '/ws');
  const p = s.problems.find((x) => x.file === '/ws/p.yaml')!.problems[0]!;
  assert.equal(p.path, 'extends');
  assert.equal(p.range.start.line, 1);
});

test('built-in profiles: the checker loads them as `npm run generate` validated them, and validates no built-in itself', () => {
  // Validating them with zod cost every checking thread's start; the generated file is
  // kept current by `npm run generate:check`.
  assert.deepEqual(BUILTIN_PROFILES, BUILTIN_SOURCES.map((p) => profileSchemas().profile.parse(p)));
  const before = profileValidations();
  new ProfileRegistry();
  assert.equal(profileValidations(), before);
});
