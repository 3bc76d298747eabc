// extensionTestsPath: runs the *.test.js files beside this one with mocha inside the extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';

export async function run(): Promise<void> {
  // mocha 12 is an ES module: import() works from the CommonJS extension host.
  const mod = (await import('mocha')) as unknown as { default?: typeof MochaType; Mocha?: typeof MochaType };
  const Mocha = (mod.default ?? mod.Mocha)!;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  // E2E_GREP=<regular expression>: only the tests whose title matches (the harness passes the environment on).
  if (process.env.E2E_GREP) mocha.grep(new RegExp(process.env.E2E_GREP));
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
