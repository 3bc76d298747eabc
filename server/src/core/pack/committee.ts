import { baseName } from '../paths.js';
import { definePackRule } from './define.js';
import { replaceFix } from '../rules/util.js';
import { sameCommittee } from './unknown-committee.js';

export function packSource(info: { source: 'manifest' | 'reports'; manifest?: { file: string } | undefined }): string {
  return info.source === 'manifest' && info.manifest ? `the pack manifest (${baseName(info.manifest.file)})` : 'most reports in the pack';
}

export const packCommittee = definePackRule({
  id: 'pack/committee',
  title: 'Report names another committee than its agenda pack',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'Every report in an agenda pack goes to the same meeting. A report that names another committee was written for another meeting or copied from an old report, and its recommendations may be addressed to the wrong body. The pack\'s committee is the manifest\'s (`pack.yaml`), or else the one most reports in the folder name.',
    bad: '# pack.yaml: committee: Children, Young People and Education Scrutiny Commission\n---\ncommittee: Health Scrutiny Commission\n---',
    good: '# pack.yaml: committee: Children, Young People and Education Scrutiny Commission\n---\ncommittee: Children, Young People and Education Scrutiny Commission\n---',
  },
  packCheck(self, { info: pack }, report) {
    const e = self.committee;
    if (!pack.committee || !e || sameCommittee(e.value, pack.committee)) return;
    const value = e.value;
    report({
      message: `This report is for "${value}", but the pack is for "${pack.committee}" (from ${packSource(pack)}).`,
      range: e.range,
      fixes: [replaceFix(`Change to "${pack.committee}"`, e.range, pack.committee, false)],
    });
  },
});
