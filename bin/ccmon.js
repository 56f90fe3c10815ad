#!/usr/bin/env node
// Entry of the `ccmon` command: runs the compiled CLI from dist/ (built by `npm run build:main`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/electron/cli/index.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('ccmon is not built yet. Run `npm run build:main` in the claude-code-monitor checkout first.\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
