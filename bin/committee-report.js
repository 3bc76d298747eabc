#!/usr/bin/env node
// Entry point of the `committee-report` command; the CLI itself is bundled by `npm run build`.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../server/out/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('committee-report: not built yet; run `npm run build` first.');
  process.exit(2);
}
// Output piped into a reader that stops early (`committee-report rules | head -1`): the
// reader has what it wanted, so stop quietly instead of failing on the closed pipe.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
Promise.resolve(createRequire(import.meta.url)(cli).main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`committee-report: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
