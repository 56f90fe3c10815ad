import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { appConfigDir, cacheDir } from '../../electron/core/config/paths.js';

test('settings and cache folders follow each platform, and the CCMON_ variables override them', () => {
  const home = { HOME: '/home/ada' };
  assert.equal(appConfigDir(home, 'linux'), path.join('/home/ada', '.config', 'Claude Code Monitor'));
  assert.equal(cacheDir(home, 'linux'), path.join('/home/ada', '.cache', 'ccmon'));
  assert.equal(cacheDir({ ...home, XDG_CACHE_HOME: '/var/cache/ada' }, 'linux'), path.join('/var/cache/ada', 'ccmon'));
  assert.equal(cacheDir(home, 'darwin'), path.join('/home/ada', 'Library', 'Caches', 'ccmon'));
  assert.equal(cacheDir({ USERPROFILE: '/users/ada', LOCALAPPDATA: '/users/ada/Local' }, 'win32'), path.join('/users/ada/Local', 'ccmon', 'Cache'));
  assert.equal(cacheDir({ ...home, CCMON_CACHE_DIR: '/tmp/c' }, 'linux'), '/tmp/c');
  assert.equal(appConfigDir({ ...home, CCMON_CONFIG_DIR: '/tmp/s' }, 'linux'), '/tmp/s');
});
