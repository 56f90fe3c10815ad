import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressLine, renderStackStatus } from '../../electron/cli/commands/stack.js';
import { renderDoctor } from '../../electron/cli/commands/doctor.js';
import { main } from '../../electron/cli/index.js';

test('stack status text: engine line, one line per service, errors and hints indented', () => {
  const text = renderStackStatus({
    engine: { reachable: true, socket: 'unix:///var/run/docker.sock', version: '28.1', error: null },
    services: [
      { name: 'prometheus', state: 'running', ready: true, url: 'http://127.0.0.1:9090' },
      { name: 'loki', state: 'exited', ready: false, url: 'http://127.0.0.1:3100', error: 'loki exited with code 1. Last log lines:\n  boom', hint: 'See docker logs' },
    ],
  });
  assert.match(text, /^engine {6}✓ Docker 28\.1 at unix:\/\/\/var\/run\/docker\.sock$/m);
  assert.match(text, /^prometheus {2}✓ running, ready {2}http:\/\/127\.0\.0\.1:9090$/m);
  assert.match(text, /^loki {8}✗ exited {2}http:\/\/127\.0\.0\.1:3100$/m);
  assert.match(text, /^ {12}loki exited with code 1\. Last log lines:$/m);
  assert.match(text, /^ {14}boom$/m);
  assert.match(text, /^ {12}See docker logs$/m);
  const down = renderStackStatus({ engine: { reachable: false, socket: null, version: null, error: 'No Docker engine found.', hint: 'Install Docker.' }, services: [] });
  assert.match(down, /✗ No Docker engine found\.\n {12}Install Docker\./);
});

test('pull progress line and doctor text', () => {
  assert.equal(progressLine({ fraction: 0.425, image: 'prom/prometheus:v3.5.0', detail: '' }), 'Pulling images  43%  prom/prometheus:v3.5.0');
  const text = renderDoctor({ checks: [{ id: 'engine', ok: true, detail: 'Docker 28' }, { id: 'loki-ready', ok: false, detail: 'no answer', hint: 'start it' }] });
  assert.match(text, /^✓ engine {15}Docker 28$/m);
  assert.match(text, /^✗ loki-ready {11}no answer\n {23}→ start it$/m);
});

test('purge without --yes is a usage error that says what it would delete', async () => {
  let err = '';
  const code = await main(['stack', 'purge'], { stdout: () => {}, stderr: (t) => void (err += t), isTTY: false }, { CCMON_CONFIG_DIR: '/nonexistent-ccmon' });
  assert.equal(code, 2);
  assert.match(err, /deletes the stack's data/);
  assert.match(err, /--yes/);
});
