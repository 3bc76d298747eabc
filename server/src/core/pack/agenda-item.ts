import { baseName } from '../paths.js';
import { definePackRule } from './define.js';
import { itemOf, packItems } from './pack.js';

export const agendaItem = definePackRule({
  id: 'pack/agenda-item',
  title: 'Report is not one agenda item of the pack manifest',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'When the pack manifest (`pack.yaml`) lists the agenda items, every report in the folder must be exactly one of them: a report that is no item is left out of the published pack, and two reports for one item (`plan.report.md` and `plan-v2.report.md` for item `plan`) mean an old version is still in the folder.',
    bad: '# pack.yaml: items: [hnb-recovery-plan]\n# files: hnb-recovery-plan.report.md, hnb-recovery-plan-v2.report.md',
    good: '# pack.yaml: items: [hnb-recovery-plan]\n# files: hnb-recovery-plan.report.md',
  },
  packCheck(self, pack, report) {
    const m = pack.info.manifest;
    if (!m || m.items.length === 0) return;
    const at = self.at;
    const i = itemOf(pack.info, pack.file);
    const file = baseName(pack.file);
    if (i < 0) {
      report({ message: `${file} is not an item of the agenda in ${baseName(m.file)} (items: ${m.items.map((x) => x.name).join(', ')}).`, range: at });
      return;
    }
    const item = m.items[i]!;
    const twins = packItems(pack.info).byItem[i]!.filter((x) => x.file !== pack.file);
    if (twins.length > 0) {
      report({ message: `Item ${i + 1} ("${item.name}") has more than one report: ${[file, ...twins.map((t) => baseName(t.file))].join(', ')}.`, range: at });
    }
  },
});
