import { defineManifestRule } from './define.js';

export const manifestProblem = defineManifestRule({
  id: 'pack/manifest',
  title: 'Pack manifest cannot be read as written',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: "The pack manifest (`pack.yaml`) gives the meeting (council, committee, meeting_date, venue) and the agenda order (items) that the pack's reports are checked against and the pack is exported in. YAML that does not parse, a misspelt key or an item that is not a file name is ignored, so the reports are checked against less than the governance team wrote.",
    bad: 'comittee: Children and Families Overview and Scrutiny Committee\nitems: stable-homes',
    good: 'committee: Children and Families Overview and Scrutiny Committee\nitems:\n  - stable-homes',
  },
  manifestCheck(info, report) {
    for (const p of info.manifest.problems) report({ message: p.message, range: p.range });
  },
});
