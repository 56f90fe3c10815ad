/** Launch at login: login items on macOS/Windows, an XDG autostart entry on Linux (pure + thin fs adapter). */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { applyAutostart, applyDesktopFilePlan, autostartPlan, desktopFileEnabled, linuxDesktopEntry, quoteExecArg } from '../../electron/main/autostart.js';

test('macOS and Windows: app.setLoginItemSettings, started hidden', () => {
  for (const platform of ['darwin', 'win32'] as const) {
    assert.deepEqual(autostartPlan({ platform, enabled: true, execPath: '/x', env: {} }), { kind: 'login-item', settings: { openAtLogin: true, openAsHidden: true, args: ['--hidden'] } });
    assert.equal((autostartPlan({ platform, enabled: false, execPath: '/x', env: {} }) as { settings: { openAtLogin: boolean } }).settings.openAtLogin, false);
  }
});

test('Linux: ~/.config/autostart/claude-code-monitor.desktop (XDG_CONFIG_HOME honoured); disabled removes it', () => {
  const plan = autostartPlan({ platform: 'linux', enabled: true, execPath: '/opt/Claude Code Monitor/claude-code-monitor', env: { HOME: '/home/ann' } });
  assert.equal(plan.kind, 'desktop-file');
  assert.equal((plan as { path: string }).path, '/home/ann/.config/autostart/claude-code-monitor.desktop');
  assert.match((plan as { content: string }).content, /^Exec="\/opt\/Claude Code Monitor\/claude-code-monitor" --hidden$/m);
  const xdg = autostartPlan({ platform: 'linux', enabled: false, execPath: '/x', env: { HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg' } });
  assert.deepEqual(xdg, { kind: 'desktop-file', path: '/cfg/autostart/claude-code-monitor.desktop', content: null });
});

test('Linux AppImage: the entry starts $APPIMAGE, not the temporary mount', () => {
  const plan = autostartPlan({ platform: 'linux', enabled: true, execPath: '/tmp/.mount_ClaudeX/claude-code-monitor', env: { HOME: '/h', APPIMAGE: '/home/ann/Apps/Claude-Code-Monitor.AppImage' } });
  assert.match((plan as { content: string }).content, /^Exec=\/home\/ann\/Apps\/Claude-Code-Monitor\.AppImage --hidden$/m);
});

test('desktop entry: required keys, and Exec quoting per the spec', () => {
  const text = linuxDesktopEntry({ exec: ['/usr/bin/electron', '/src/app dir', '--hidden'], icon: '/i.png' });
  assert.match(text, /^\[Desktop Entry\]\nType=Application\n/);
  assert.match(text, /^Name=Claude Code Monitor$/m);
  assert.match(text, /^Terminal=false$/m);
  assert.match(text, /^Icon=\/i\.png$/m);
  assert.match(text, /^X-GNOME-Autostart-enabled=true$/m);
  assert.equal(quoteExecArg('/plain/path'), '/plain/path');
  assert.equal(quoteExecArg('100%'), '"100%%"');
  assert.equal(quoteExecArg('a "b" $c'), '"a \\\\"b\\\\" \\\\$c"');
});

test('fs adapter writes and removes the entry', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmon-autostart-'));
  const on = autostartPlan({ platform: 'linux', enabled: true, execPath: '/usr/bin/ccm', env: { HOME: home } });
  assert.equal(on.kind, 'desktop-file');
  if (on.kind !== 'desktop-file') return;
  applyDesktopFilePlan(on);
  assert.equal(fs.readFileSync(on.path, 'utf8'), on.content);
  assert.equal(desktopFileEnabled(on.path), true);
  assert.deepEqual(fs.readdirSync(path.dirname(on.path)), ['claude-code-monitor.desktop']);
  const off = autostartPlan({ platform: 'linux', enabled: false, execPath: '/usr/bin/ccm', env: { HOME: home } });
  if (off.kind !== 'desktop-file') return;
  applyDesktopFilePlan(off);
  assert.equal(fs.existsSync(on.path), false);
  applyDesktopFilePlan(off); // idempotent
  assert.equal(desktopFileEnabled(on.path), false);
});

test('applyAutostart: a login item through the given setter on macOS and Windows, the XDG entry on Linux', () => {
  const set: unknown[] = [];
  applyAutostart({ platform: 'darwin', enabled: true, execPath: '/x', env: {} }, (s) => set.push(s));
  assert.deepEqual(set, [{ openAtLogin: true, openAsHidden: true, args: ['--hidden'] }]);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmon-autostart-'));
  applyAutostart({ platform: 'linux', enabled: true, execPath: '/usr/bin/ccm', env: { HOME: home } }, () => assert.fail('no login item on Linux'));
  const entry = path.join(home, '.config', 'autostart', 'claude-code-monitor.desktop');
  assert.match(fs.readFileSync(entry, 'utf8'), /^Exec=\/usr\/bin\/ccm --hidden$/m);
  applyAutostart({ platform: 'linux', enabled: false, execPath: '/usr/bin/ccm', env: { HOME: home } }, () => assert.fail('no login item on Linux'));
  assert.equal(fs.existsSync(entry), false);
});
