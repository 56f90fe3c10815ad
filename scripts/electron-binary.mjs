// Finds an installed Electron binary WITHOUT triggering a download (requiring the `electron` package
// in Node downloads the binary on first use in Electron 45; here that can only fail, slowly).
// Order: $CCMON_ELECTRON_BIN, $ELECTRON_OVERRIDE_DIST_PATH, node_modules/electron/dist/<path.txt>.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary(env = process.env) {
  if (env.CCMON_ELECTRON_BIN) {
    return existsSync(env.CCMON_ELECTRON_BIN) ? { path: env.CCMON_ELECTRON_BIN } : { path: null, reason: `CCMON_ELECTRON_BIN points at ${env.CCMON_ELECTRON_BIN}, which does not exist` };
  }
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(pkgDir, 'package.json'))) return { path: null, reason: 'the electron package is not installed (npm install)' };
  const pathFile = path.join(pkgDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(candidate) ? { path: candidate } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable || 'electron'}` };
  }
  if (!executable) return { path: null, reason: "Electron's binary was never downloaded (node_modules/electron/path.txt is missing; its download needs network access to GitHub)" };
  const candidate = path.join(pkgDir, 'dist', executable);
  return existsSync(candidate) ? { path: candidate } : { path: null, reason: `${candidate} is missing` };
}
