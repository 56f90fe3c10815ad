/**
 * Issue 14, cases 6 and 11: whatever answers on the exporter's port, `ccmon probe` tells the truth about
 * it (a JSON or HTML page is not an exporter; a last line without newline still counts), says "too
 * large" for a huge answer, and never lets what it received drive the user's terminal.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ccmonRun } from '../support/ccmon.js';
import { serveHttp, serveText, streamHuge, type TestServer } from '../support/http-server.js';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function probe(server: TestServer, json = false) {
  servers.push(server);
  return ccmonRun(['probe', ...(json ? ['--json'] : [])], { env: { CCMON_EXPORTER_URL: `${server.url}/metrics` } });
}

describe('6. the exporter probe calls only Prometheus text an exporter', () => {
  for (const [name, body, type] of [
    ['{"status":"ok"}', '{"status":"ok"}', 'application/json'],
    ['an HTML page without a trailing newline', '<html><body>Hello</body></html>', 'text/html'],
  ] as const) {
    it(`6. ${name}: "not Prometheus text format", exit 3`, async () => {
      const run = await probe(await serveText(body, type));
      assert.equal(run.code, 3, run.stdout + run.stderr);
      assert.match(run.stdout, /not Prometheus text format/);
      assert.doesNotMatch(run.stdout, /No session has reported yet/);
    });
  }

  it('6. the last sample line without a newline is read', async () => {
    const text = '# TYPE claude_code_cost_usage_total counter\nclaude_code_cost_usage_total{session_id="last-line"} 1.25';
    const run = await probe(await serveText(text), true);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { reachable: boolean; sessions: Array<{ sessionId: string; costUsd: number }>; error: string | null };
    assert.deepEqual(result.sessions, [{ sessionId: 'last-line', costUsd: 1.25 }]);
    assert.equal(result.error, null);
  });
});

describe('11. what the exporter sends never reaches the terminal raw', () => {
  // eslint-disable-next-line no-control-regex -- the control characters a terminal acts on are what the tests look for
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/;

  it('11. an answer of escape sequences is printed inert', async () => {
    const run = await probe(await serveText('\u001b[2J\u001b]0;PWNED\u0007\n'));
    assert.equal(run.code, 3);
    assert.doesNotMatch(run.stdout + run.stderr, control, 'no control character printed');
    assert.match(run.stdout, /\\u001b\[2J\\u001b\]0;PWNED\\u0007/, 'shown as visible escapes');
  });

  it('11. escape sequences in a session id are printed inert', async () => {
    const run = await probe(await serveText('claude_code_cost_usage_total{session_id="\u001b]0;PWNED\u0007"} 1\n'));
    assert.doesNotMatch(run.stdout + run.stderr, control);
  });

  it('11. an answer over 4 MiB is "too large", not "not reachable"', async () => {
    const run = await probe(
      await serveHttp((req, res) => {
        req.resume();
        streamHuge(res, 64 * 1024 * 1024, Buffer.from('claude_code_cost_usage_total{session_id="s"} 1\n'.repeat(1000)), 'text/plain');
      }),
      true,
    );
    assert.equal(run.code, 3);
    const result = JSON.parse(run.stdout) as { reachable: boolean; error: string };
    assert.equal(result.reachable, true);
    assert.match(result.error, /larger than 4 MiB: too large for a Claude Code exporter/);
  });
});
