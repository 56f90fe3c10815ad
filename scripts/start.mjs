// `npm start`: build, then run the tray app in Electron when its binary is installed; where it isn't
// (it can't be downloaded on every machine), say so plainly and start `ccmon web` instead: the same
// dashboard, served on 127.0.0.1, in your browser.
//
//   npm start                 build + launch
//   npm start -- --no-build   launch what is built
//   npm start -- --port 8123  passed to `ccmon web` in the fallback
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const rest = args.filter((a) => a !== '--no-build');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!noBuild) {
  const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) {
    process.stderr.write('start: the build failed (see above); nothing was launched.\n');
    process.exit(built.status ?? 1);
  }
}

const electron = findElectronBinary();
let child;
if (electron.path) {
  const electronArgs = [root];
  // Chromium refuses to run as root without this; say so rather than fail mysteriously.
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    process.stderr.write('start: running as root, so Electron gets --no-sandbox (the renderer sandbox needs a normal user).\n');
    electronArgs.push('--no-sandbox');
  }
  process.stdout.write(`start: launching the tray app with ${electron.path}\n`);
  child = spawn(electron.path, electronArgs, { cwd: root, stdio: 'inherit' });
} else {
  process.stdout.write(
    `start: no Electron binary here: ${electron.reason}.\n` +
      'start: starting `ccmon web` instead — the same dashboard, in your browser (Ctrl+C to stop).\n',
  );
  child = spawn(process.execPath, [path.join(root, 'bin', 'ccmon.cjs'), 'web', ...rest], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
