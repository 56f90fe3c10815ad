#!/usr/bin/env node
// Entry of the `ccmon` command: runs the compiled CLI from dist/ (built by `npm run build:main`).
// The commands Claude Code runs on every message update or session start (statusline, hook) go
// straight to their own small modules, without loading the rest of the CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = new URL('../dist/electron/cli/', import.meta.url);
const hot = { statusline: 'hot/statusline.js' };
const [command, ...rest] = process.argv.slice(2);
const entry = fileURLToPath(new URL(hot[command] ?? 'index.js', dist));
if (!existsSync(entry)) {
  process.stderr.write('ccmon is not built yet. Run `npm run build:main` in the claude-code-monitor checkout first.\n');
  process.exit(1);
}
const module = await import(pathToFileURL(entry).href);
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
process.exitCode = hot[command] ? await module[command](rest, io) : await module.main(process.argv.slice(2));
