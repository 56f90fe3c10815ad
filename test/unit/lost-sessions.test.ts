/**
 * Scrape mode's lost sessions: which processes are Claude Code, the decision against the
 * exporter's sessions, the platform parsers, and the lister on this machine's real /proc (with
 * stand-in `claude` processes) against a real HTTP exporter serving a real :9464 scrape.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProbeResult } from '../../electron/core/api/types.js';
import {
  checkLostSessions,
  claudeCodeProcesses,
  detectLostSessions,
  isClaudeCodeProcess,
  listProcesses,
  toProcessInfo,
  type ProcessInfo,
} from '../../electron/core/exporter/lost-sessions.js';
import { probeExporter } from '../../electron/core/exporter/probe.js';
import { tempDir } from '../support/tmp.js';

const URL_9464 = 'http://127.0.0.1:9464/metrics';
const proc = (pid: number, argv: string[], ppid: number | null = 1, name = ''): ProcessInfo => ({ pid, ppid, name: name || (argv[0]?.split(/[\\/]/).pop() ?? ''), argv });
const probe = (sessions: number, over: Partial<ProbeResult> = {}): ProbeResult => ({
  reachable: true,
  url: URL_9464,
  sessions: Array.from({ length: sessions }, (_, i) => ({ sessionId: `s${i}`, costUsd: 0.1 })),
  version: '2.1.197',
  error: null,
  checkedAt: '2026-11-28T00:00:00.000Z',
  ...over,
});
const unreachable = probe(0, { reachable: false, error: 'Nothing is listening (ECONNREFUSED).' });

test('recognises Claude Code: native binary, native installer version file, npm package under Node', () => {
  const yes: ProcessInfo[] = [
    proc(1, ['/usr/local/lib/node_modules/@anthropic-ai/claude-code-linux-x64/claude', '-p']),
    proc(2, ['claude']),
    proc(3, ['/home/u/.local/share/claude/versions/2.1.197', '--resume'], 1, '2.1.197'),
    proc(4, ['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js']),
    proc(5, ['/usr/bin/node', '/opt/n/lib/node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs', '-c']),
    proc(6, ['x'], 1, 'claude'),
  ];
  for (const p of yes) assert.ok(isClaudeCodeProcess(p, 'linux'), p.argv.join(' '));
  const no: ProcessInfo[] = [
    proc(10, ['/Applications/Claude.app/Contents/MacOS/Claude']),
    proc(11, ['/Applications/Claude.app/Contents/Frameworks/Claude Helper.app/Contents/MacOS/claude']),
    proc(12, ['vim', 'claude']),
    proc(13, ['grep', '-r', 'claude', '.']),
    proc(14, ['node', '/work/bin/ccmon.cjs', 'doctor']),
    proc(15, ['bash', '-c', 'echo /x/@anthropic-ai/claude-code/cli.js'].slice(0, 2)),
    proc(16, ['/usr/bin/claude-monitor']),
  ];
  for (const p of no) assert.ok(!isClaudeCodeProcess(p, 'linux'), p.argv.join(' '));
});

test('recognises Claude Code on Windows (image name, script in the command line), not Claude Desktop', () => {
  assert.ok(isClaudeCodeProcess({ pid: 1, ppid: 0, name: 'claude.exe', argv: ['"C:\\Users\\u\\.local\\bin\\claude.exe" -p'] }, 'win32'));
  assert.ok(isClaudeCodeProcess({ pid: 2, ppid: 0, name: 'CLAUDE.EXE', argv: [] }, 'win32'));
  assert.ok(isClaudeCodeProcess({ pid: 3, ppid: 0, name: 'node.exe', argv: ['node  C:\\npm\\node_modules\\@anthropic-ai\\claude-code\\cli.js'] }, 'win32'));
  assert.ok(!isClaudeCodeProcess({ pid: 4, ppid: 0, name: 'claude.exe', argv: ['C:\\Users\\u\\AppData\\Local\\AnthropicClaude\\app-0.9.3\\claude.exe'] }, 'win32'));
  assert.ok(!isClaudeCodeProcess({ pid: 5, ppid: 0, name: 'node.exe', argv: ['node server.js'] }, 'win32'));
});

test('one count per session process: a cli-wrapper launcher and its native child count once; a claude started by claude counts; this app never', () => {
  const all: ProcessInfo[] = [
    proc(100, ['node', '/n/node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs'], 50),
    proc(101, ['/n/node_modules/@anthropic-ai/claude-code-linux-x64/claude'], 100),
    proc(200, ['claude'], 60),
    proc(201, ['bash', '-c', 'claude -p hi'], 200),
    proc(202, ['claude', '-p', 'hi'], 201),
    proc(300, ['claude'], 1),
    proc(400, ['bash'], 1),
  ];
  assert.deepEqual(
    claudeCodeProcesses(all, { selfPid: 300, platform: 'linux' }).map((p) => p.pid),
    [101, 200, 202],
  );
  // A wrapper whose native child is gone (it failed to start) still counts as the session.
  assert.deepEqual(claudeCodeProcesses([all[0]!], { platform: 'linux' }).map((p) => p.pid), [100]);
});

test('lost sessions: several processes while the exporter shows fewer sessions', () => {
  const two = [
    { pid: 1, command: 'claude' },
    { pid: 2, command: 'claude' },
  ];
  const v = detectLostSessions({ processes: two, probe: probe(1) });
  assert.equal(v.status, 'lost-sessions');
  assert.equal(v.running, 2);
  assert.equal(v.exporterSessions, 1);
  assert.equal(v.lost, 1);
  assert.equal(v.recommendPush, true);
  assert.match(v.detail, /2 Claude Code processes are running, but http:\/\/127\.0\.0\.1:9464\/metrics shows 1 session/);
  assert.match(v.hint!, /push mode/);
  const three = detectLostSessions({ processes: [...two, { pid: 3, command: 'claude' }], probe: probe(1) });
  assert.equal(three.lost, 2);
  assert.match(three.detail, /metrics of 2 processes are being lost/);
});

test('not lost: one process; as many sessions as processes; nothing running', () => {
  assert.equal(detectLostSessions({ processes: [{ pid: 1, command: 'claude' }], probe: probe(1) }).status, 'ok');
  assert.equal(detectLostSessions({ processes: [{ pid: 1, command: 'claude' }, { pid: 2, command: 'claude' }], probe: probe(2) }).status, 'ok');
  const none = detectLostSessions({ processes: [], probe: unreachable });
  assert.equal(none.status, 'ok');
  assert.equal(none.recommendPush, false);
});

test('no exporter: push mode is fine; scrape mode means the sessions export nothing', () => {
  const procs = [{ pid: 1, command: 'claude' }, { pid: 2, command: 'claude' }];
  const push = detectLostSessions({ processes: procs, probe: unreachable, mode: 'push' });
  assert.equal(push.status, 'no-exporter');
  assert.equal(push.recommendPush, false);
  assert.match(push.detail, /push their telemetry/);
  const scrape = detectLostSessions({ processes: procs, probe: unreachable, mode: 'scrape' });
  assert.equal(scrape.recommendPush, true);
  assert.match(scrape.detail, /OTEL_METRICS_EXPORTER=prometheus/);
});

test('a port answering with something else, and an unlistable process table, say so', () => {
  const taken = detectLostSessions({ processes: [{ pid: 1, command: 'claude' }], probe: probe(0, { error: 'http://127.0.0.1:9464/metrics answered, but the answer is not Prometheus text format (x). Is another program using this port?' }) });
  assert.equal(taken.status, 'port-taken');
  assert.equal(taken.exporterSessions, 0);
  const unknown = detectLostSessions({ processes: null, listError: 'ps: not found', probe: probe(1) });
  assert.equal(unknown.status, 'unknown');
  assert.equal(unknown.running, null);
  assert.match(unknown.detail, /ps: not found/);
});

test('the lister: ps-list\'s processes as ours, and a failure returns null with the reason', async () => {
  assert.deepEqual(toProcessInfo({ pid: 12, ppid: 1, name: 'claude', cmd: '/usr/local/bin/claude  --resume' }), { pid: 12, ppid: 1, name: 'claude', argv: ['/usr/local/bin/claude', '--resume'] });
  assert.deepEqual(toProcessInfo({ pid: 9, ppid: 4, name: 'claude.exe' }), { pid: 9, ppid: 4, name: 'claude.exe', argv: [] }, 'Windows: no command line');
  const listed = await listProcesses({ list: async () => [{ pid: 5, ppid: 1, name: 'claude', cmd: 'claude -p' }] });
  assert.deepEqual(listed, { processes: [{ pid: 5, ppid: 1, name: 'claude', argv: ['claude', '-p'] }] });
  const failed = await listProcesses({ list: () => Promise.reject(new Error('spawn ps ENOENT')) });
  assert.deepEqual(failed, { processes: null, error: 'spawn ps ENOENT' });
});

test('on this machine: two stand-in `claude` processes (the real process list) and a real exporter showing one session = lost sessions', { skip: process.platform === 'win32' && 'copies /bin/sleep' }, async () => {
  const tmp = tempDir('ccmon-claude-');
  const kids: ChildProcess[] = [];
  const scrape = readFileSync(new URL('../../scripts/simulator/fixtures/claude-code-2.1.197-metrics-9464.txt', import.meta.url), 'utf8');
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(scrape));
  try {
    const bin = join(tmp.path, 'claude');
    copyFileSync('/bin/sleep', bin);
    for (let i = 0; i < 2; i++) kids.push(spawn(bin, ['30'], { stdio: 'ignore' }));
    await sleep(200);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address() as { port: number };
    const p = await probeExporter(`http://127.0.0.1:${addr.port}/metrics`);
    assert.equal(p.sessions.length, 1, 'the real scrape shows one session');

    const list = await listProcesses();
    const found = claudeCodeProcesses(list.processes ?? [], { selfPid: process.pid }).map((x) => x.pid);
    for (const k of kids) assert.ok(found.includes(k.pid!), `pid ${k.pid} found among ${found.join(', ')}`);

    const v = await checkLostSessions(p, { mode: 'scrape' });
    assert.equal(v.status, 'lost-sessions');
    assert.ok(v.running! >= 2 && v.lost >= 1);
    assert.equal(v.exporterSessions, 1);
  } finally {
    for (const k of kids) k.kill('SIGKILL');
    server.close();
    tmp.remove();
  }
});
