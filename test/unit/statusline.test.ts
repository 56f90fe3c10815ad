import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatusInput, renderStatusLine } from '../../electron/core/statusline/statusline.js';
import { ccmon } from '../support/ccmon.js';

const claudeJson = JSON.stringify({ session_id: 'abc', model: { id: 'claude-opus-4-8', display_name: 'Opus' }, cost: { total_cost_usd: 0.4213 }, workspace: { current_dir: '/x' } });

test('renders model, session cost and today', () => {
  assert.equal(renderStatusLine(parseStatusInput(claudeJson), 3.1), 'Opus · session $0.42 · today $3.10');
});

test('unreadable input or no Prometheus still gives a line', () => {
  assert.equal(renderStatusLine(parseStatusInput('not json'), null), 'today –');
});

test('the CLI answers within its timeout when Prometheus is down', async () => {
  const started = Date.now();
  const res = await ccmon(['statusline', '--timeout', '300'], { CCMON_PROMETHEUS_URL: 'http://127.0.0.1:9' });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, 'today –\n');
  assert.ok(Date.now() - started < 5000);
});
