/**
 * Loads the BUILT main bundle with `electron` resolved to the recording double, in a fresh temp
 * environment (config folder, HOME, a Docker socket that doesn't exist). One per test process.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppHandle } from '../../../electron/main/app.js';

export const root = path.resolve(import.meta.dirname, '..', '..', '..');
export const mainBundle = path.join(root, 'dist', 'electron', 'main', 'index.js');
export const preloadBundle = path.join(root, 'dist', 'electron', 'preload', 'index.cjs');

export type Double = typeof import('./electron-double.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  const built = fs.existsSync(mainBundle) && fs.existsSync(preloadBundle) ? Math.min(fs.statSync(mainBundle).mtimeMs, fs.statSync(preloadBundle).mtimeMs) : 0;
  const sources = Math.max(newestMtime(path.join(root, 'electron', 'main')), newestMtime(path.join(root, 'electron', 'preload')), newestMtime(path.join(root, 'electron', 'core')));
  return built < sources;
}

/**
 * Builds the bundle when it is missing or older than its sources (the test is about the built output).
 * Contract test files run in parallel: a lock folder keeps them from building over each other.
 */
export function ensureBuilt(): void {
  if (!stale()) return;
  const lock = path.join(os.tmpdir(), 'ccmon-contract-build.lock');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test process is building; wait for it, then look again.
      const deadline = Date.now() + 180_000;
      while (fs.existsSync(lock) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      if (fs.existsSync(lock)) fs.rmSync(lock, { recursive: true, force: true });
      if (!stale()) return;
    }
  }
  try {
    if (stale()) execFileSync('npm', ['run', 'build:main'], { cwd: root, stdio: 'inherit' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface LoadedMain {
  double: Double;
  handle: AppHandle;
  configDir: string;
  tmp: string;
}

export async function loadMain(options: { platform?: NodeJS.Platform; configText?: string; env?: Record<string, string>; argv?: string[] } = {}): Promise<LoadedMain> {
  ensureBuilt();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmon-wiring-'));
  const configDir = path.join(tmp, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  if (options.configText !== undefined) fs.writeFileSync(path.join(configDir, 'config.json'), options.configText);
  Object.assign(process.env, {
    CCMON_CONFIG_DIR: configDir,
    HOME: tmp,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
    DOCKER_HOST: `unix://${path.join(tmp, 'no-docker.sock')}`,
    CCMON_STACK_NAME: 'ccmon-wiring-test',
    SHELL: '/bin/zsh',
  });
  delete process.env.XDG_CURRENT_DESKTOP;
  delete process.env.CCMON_RENDERER_URL;
  delete process.env.CCMON_NO_TRAY;
  Object.assign(process.env, options.env ?? {});
  if (options.argv) process.argv.push(...options.argv);
  if (options.platform) Object.defineProperty(process, 'platform', { value: options.platform });
  const doubleUrl = pathToFileURL(path.join(import.meta.dirname, 'electron-double.ts')).href;
  register('./electron-resolve-hook.mjs', import.meta.url, { data: { doubleUrl } });
  const double = (await import(doubleUrl)) as Double;
  const main = (await import(pathToFileURL(mainBundle).href)) as { started: Promise<AppHandle | null> };
  const handle = await main.started;
  assert.ok(handle, 'the app started');
  return { double, handle, configDir, tmp };
}
