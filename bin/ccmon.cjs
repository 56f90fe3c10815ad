#!/usr/bin/env node
// Entry of the `ccmon` command: runs the compiled CLI from dist/ (built by `npm run build:main`).
// CommonJS on purpose: the commands Claude Code runs on every message update or session start
// (statusline, hook, otel-headers) go straight to their own one-file bundles without starting Node's ES module
// loader or loading the rest of the CLI; every other command imports the CLI.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const hot = { statusline: '../dist/hot/statusline.cjs', hook: '../dist/hot/hook.cjs', 'otel-headers': '../dist/hot/otel-headers.cjs' };
// The function each bundle exports under the command's name.
const exported = { statusline: 'statusline', hook: 'hook', 'otel-headers': 'otelHeaders' };
const [command, ...rest] = process.argv.slice(2);
const isHot = command !== undefined && Object.hasOwn(hot, command);
const entry = path.join(__dirname, isHot ? hot[command] : '../dist/electron/cli/index.js');
if (!existsSync(entry)) {
  process.stderr.write('ccmon is not built yet. Run `npm run build:main` in the claude-code-monitor checkout first.\n');
  process.exit(1);
}
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
const running = isHot ? require(entry)[exported[command]](rest, io) : import(require('node:url').pathToFileURL(entry).href).then((cli) => cli.main(process.argv.slice(2)));
running.then((code) => (process.exitCode = code));
