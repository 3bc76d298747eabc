import { baseName } from '../paths.js';
import { defineManifestRule } from './define.js';
import { packItems } from './pack.js';

export const missingItem = defineManifestRule({
  id: 'pack/missing-item',
  title: 'Agenda item of the pack manifest has no report',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'The pack manifest (`pack.yaml`) lists the agenda in order. An item with no report in the folder leaves a hole in the published pack: the report was not written yet, was saved under another name, or the item was withdrawn and is still on the agenda. Reported on the item\'s line in the manifest; a report matches an item by its file name without `.report.md` (or that name followed by `-v2`, `_final`...).',
    bad: '# pack.yaml (files: stable-homes.report.md)\nitems:\n  - stable-homes\n  - holiday-activities',
    good: '# pack.yaml (files: stable-homes.report.md, holiday-activities.report.md)\nitems:\n  - stable-homes\n  - holiday-activities',
  },
  manifestCheck(info, report) {
    const { byItem } = packItems(info);
    info.manifest.items.forEach((item, i) => {
      if (byItem[i]!.length > 0) return;
      report({
        message: `Item ${i + 1} of the agenda, "${item.name}", has no report in ${baseName(info.folder) || 'the folder'}: expected ${item.name}.report.md.`,
        range: item.range,
      });
    });
  },
});
