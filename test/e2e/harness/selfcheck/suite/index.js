// extensionTestsPath for the self-check: runs suite/*.test.js with mocha inside the extension host.
const path = require('node:path');
const fs = require('node:fs');

async function run() {
  // mocha 12 is an ES module: import() works from the CommonJS extension host.
  const mod = await import('mocha');
  const Mocha = mod.default ?? mod.Mocha;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false });
  for (const f of fs.readdirSync(__dirname)) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}

module.exports = { run };
