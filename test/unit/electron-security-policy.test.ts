/** Security decisions: trusted frames, external links, CSP, renderer file mapping, permissions, hardened window options. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  acceptableDevServer,
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isTrustedRendererUrl,
  permissionAllowed,
  rendererFileFor,
  rendererResponseHeaders,
  RENDERER_URL,
} from '../../electron/main/security-policy.js';
import { windowOptions } from '../../electron/main/window-options.js';

test('only our renderer origin (or a loopback dev server we were given) is trusted', () => {
  assert.equal(isTrustedRendererUrl(RENDERER_URL), true);
  assert.equal(isTrustedRendererUrl('ccmon://renderer/assets/x.js'), true);
  for (const u of ['ccmon://renderer.evil/index.html', 'ccmon://user:pw@renderer/', 'file:///index.html', 'https://renderer/', 'about:blank', 'not a url', null]) {
    assert.equal(isTrustedRendererUrl(u), false, String(u));
  }
  assert.equal(isTrustedRendererUrl('http://127.0.0.1:5173/', 'http://127.0.0.1:5173/'), true);
  assert.equal(isTrustedRendererUrl('http://127.0.0.1:5174/', 'http://127.0.0.1:5173/'), false);
  assert.equal(acceptableDevServer('http://evil.example:5173/'), null);
  assert.equal(acceptableDevServer('http://localhost:5173'), 'http://localhost:5173/');
});

test('openExternal: the configured Grafana origin and a short https allow-list only', () => {
  const grafana = 'http://127.0.0.1:3001';
  assert.equal(isAllowedExternalUrl('http://127.0.0.1:3001/d/ccmon-overview?from=now-24h', grafana), true);
  assert.equal(isAllowedExternalUrl('http://127.0.0.1:3002/d/x', grafana), false);
  assert.equal(isAllowedExternalUrl('http://localhost:3001/d/x', grafana), false);
  assert.equal(isAllowedExternalUrl('https://docs.claude.com/en/docs/claude-code/monitoring-usage', grafana), true);
  assert.equal(isAllowedExternalUrl('http://docs.claude.com/', grafana), false);
  assert.equal(isAllowedExternalUrl('https://docs.claude.com.evil.example/', grafana), false);
  for (const u of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'https://user:pw@github.com/', 'not a url']) {
    assert.equal(isAllowedExternalUrl(u, grafana), false, u);
  }
  assert.equal(isAllowedExternalUrl('https://grafana.example.com/d/x', 'https://grafana.example.com/'), true);
});

test('CSP: nothing by default, scripts only from self, no eval or inline script, no frames, no plugins', () => {
  const csp = contentSecurityPolicy;
  const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')] as const));
  assert.equal(directives['default-src'], "'none'");
  assert.equal(directives['script-src'], "'self'");
  assert.equal(directives['object-src'], "'none'");
  assert.equal(directives['frame-ancestors'], "'none'");
  assert.equal(directives['base-uri'], "'none'");
  assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  assert.equal(rendererResponseHeaders('/x/index.html')['Content-Security-Policy'], csp);
  assert.equal(rendererResponseHeaders('/x/a.js')['Content-Type'], 'text/javascript; charset=utf-8');
});

test('renderer requests map into the renderer folder only', () => {
  const root = path.resolve('/app/dist/renderer');
  assert.equal(rendererFileFor('ccmon://renderer/', root), path.join(root, 'index.html'));
  assert.equal(rendererFileFor('ccmon://renderer/settings', root), path.join(root, 'index.html'));
  assert.equal(rendererFileFor('ccmon://renderer/assets/index-abc.js', root), path.join(root, 'assets', 'index-abc.js'));
  assert.equal(rendererFileFor('ccmon://renderer/../../../etc/passwd', root), path.join(root, 'index.html'));
  // Encoded dot-segments are normalised away: the request stays inside the root.
  assert.equal(rendererFileFor('ccmon://renderer/%2e%2e/%2e%2e/secret.json', root), path.join(root, 'secret.json'));
  assert.equal(rendererFileFor('ccmon://renderer/%2F..%2F..%2Fetc%2Fsecret.txt', root), path.join(root, 'etc', 'secret.txt'));
  assert.equal(rendererFileFor('ccmon://renderer/a%00.js', root), null);
  assert.equal(rendererFileFor('ccmon://other/index.html', root), null);
  assert.equal(rendererFileFor('https://renderer/index.html', root), null);
});

test('permissions are denied, but our own page may write the clipboard', () => {
  for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) assert.equal(permissionAllowed(p, RENDERER_URL), false, p);
  assert.equal(permissionAllowed('clipboard-sanitized-write', RENDERER_URL), true);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/'), false);
});

test('window options are hardened in both modes', () => {
  for (const mode of ['popover', 'window'] as const) {
    const o = windowOptions({ preload: '/p.cjs', mode, platform: 'linux', devTools: false, darkBackground: true, additionalArguments: ['--x'] });
    assert.equal(o.show, false);
    assert.deepEqual(
      {
        contextIsolation: o.webPreferences.contextIsolation,
        sandbox: o.webPreferences.sandbox,
        nodeIntegration: o.webPreferences.nodeIntegration,
        nodeIntegrationInWorker: o.webPreferences.nodeIntegrationInWorker,
        nodeIntegrationInSubFrames: o.webPreferences.nodeIntegrationInSubFrames,
        webSecurity: o.webPreferences.webSecurity,
        allowRunningInsecureContent: o.webPreferences.allowRunningInsecureContent,
        webviewTag: o.webPreferences.webviewTag,
        navigateOnDragDrop: o.webPreferences.navigateOnDragDrop,
      },
      { contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false },
    );
    assert.equal(o.webPreferences.preload, '/p.cjs');
    assert.deepEqual(o.webPreferences.additionalArguments, ['--x']);
  }
  const pop = windowOptions({ preload: '/p.cjs', mode: 'popover', platform: 'darwin', devTools: false, darkBackground: false });
  assert.deepEqual([pop.frame, pop.skipTaskbar, pop.resizable], [false, true, false]);
  const win = windowOptions({ preload: '/p.cjs', mode: 'window', platform: 'linux', devTools: false, darkBackground: false });
  assert.deepEqual([win.frame, win.skipTaskbar, win.resizable], [true, false, true]);
});
