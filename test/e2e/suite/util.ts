// Helpers shared by the end-to-end suites (bundled into each by build.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const WORKSPACE = path.resolve(__dirname, '../../workspace');
export const ready = fs.readFileSync(path.join(WORKSPACE, 'drafts', 'ready.report.md'), 'utf8');
export const defective = fs.readFileSync(path.join(WORKSPACE, 'drafts', 'defective.report.md'), 'utf8');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `fn` returns a truthy value (the only waiting the tests do; no timing is asserted). */
export async function waitFor<T>(what: string, fn: () => T | undefined | false | PromiseLike<T | undefined | false>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Screenshot handshake with the offline harness (nothing outside it). */
export async function screenshot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string | undefined> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const req = path.join(dir, `request-${name}`);
  fs.writeFileSync(req, clip ? JSON.stringify({ clip }) : '');
  await waitFor(`screenshot ${name}`, () => !fs.existsSync(req), 20000);
  return path.join(dir, `${name}.png`);
}

/** Presses keys in the workbench page (key handshake with the offline harness); false without it. */
export async function pressKeys(name: string, keys: string): Promise<boolean> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return false;
  const req = path.join(dir, `keys-${name}`);
  fs.writeFileSync(req, keys);
  await waitFor(`keys ${name}`, () => !fs.existsSync(req), 20000);
  return true;
}
