import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../electron/cli/index.js';
import { defaultShell, describePlan } from '../../electron/cli/commands/env.js';
import { planSettingsApply, planSettingsRevert } from '../../electron/core/env/claude-settings.js';
import { envVars } from '../../electron/core/env/snippet.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function ccmon(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false }, env);
  return { code, out, err };
}

function sandbox(settings?: string): { env: NodeJS.ProcessEnv; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'ccmon-env-cli-'));
  dirs.push(root);
  mkdirSync(join(root, 'claude'));
  const file = join(root, 'claude', 'settings.json');
  if (settings !== undefined) writeFileSync(file, settings);
  return { env: { HOME: root, CLAUDE_CONFIG_DIR: join(root, 'claude'), CCMON_CONFIG_DIR: join(root, 'app'), CCMON_PROMETHEUS_URL: 'http://127.0.0.1:9090' }, file };
}

const urls = { prometheusUrl: 'http://127.0.0.1:9090', lokiUrl: 'http://127.0.0.1:3100', exporterUrl: 'http://127.0.0.1:9464/metrics' };

describe('ccmon env', () => {
  it('prints the snippet for a shell and mode, or the env object as JSON', async () => {
    const { env } = sandbox();
    const fish = await ccmon(['env', '--shell', 'fish', '--mode', 'scrape'], env);
    assert.equal(fish.code, 0);
    assert.match(fish.out, /^set -gx OTEL_METRICS_EXPORTER prometheus$/m);
    const json = await ccmon(['env', '--json', '--mode', 'push'], env);
    assert.deepEqual(JSON.parse(json.out), envVars('push', urls));
  });

  it('--apply --dry-run shows the change and writes nothing; --apply writes; --revert takes it out', async () => {
    const { env, file } = sandbox('{"model":"opus"}\n');
    // The status line is the next test's: this one is about the variables.
    const dry = await ccmon(['env', '--apply', '--no-statusline', '--no-hooks', '--dry-run', '--mode', 'push'], env);
    assert.equal(dry.code, 0);
    assert.match(dry.out, /Would change .*settings\.json under "env":\n {2}\+ CLAUDE_CODE_ENABLE_TELEMETRY=1/);
    assert.equal(readFileSync(file, 'utf8'), '{"model":"opus"}\n');
    const apply = await ccmon(['env', '--apply', '--no-statusline', '--no-hooks', '--json', '--mode', 'push'], env);
    assert.equal((JSON.parse(apply.out) as { applied: boolean }).applied, true);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { model: 'opus', env: envVars('push', urls) });
    const revert = await ccmon(['env', '--revert'], env);
    assert.equal(revert.code, 0);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { model: 'opus' });
  });

  it('--apply installs our status line, wrapping the user\'s own; --revert gives theirs back byte for byte', async () => {
    const original = '{\n  "model": "opus",\n  "statusLine": {"type": "command", "command": "echo MINE"}\n}\n';
    const { env, file } = sandbox(original);
    const apply = await ccmon(['env', '--apply', '--no-hooks', '--mode', 'push'], env);
    assert.equal(apply.code, 0, apply.err);
    assert.match(apply.out, /under "env" and "statusLine"/);
    const installed = (JSON.parse(readFileSync(file, 'utf8')) as { statusLine: { command: string } }).statusLine.command;
    assert.match(installed, /ccmon\.c?js'? statusline --install [0-9a-f]{12}$/);
    assert.doesNotMatch(installed, /MINE/, 'their command is not in ours');
    const again = await ccmon(['env', '--apply', '--no-hooks', '--mode', 'push'], env);
    assert.match(again.out, /already has these settings/, 'a second apply changes nothing');
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { statusLine: { command: string } }).statusLine.command, installed, 'still wrapping theirs');
    assert.equal((await ccmon(['env', '--revert'], env)).code, 0);
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('refuses invalid JSON with a clear error, non-zero, the file untouched', async () => {
    const { env, file } = sandbox('{"model": ');
    const r = await ccmon(['env', '--apply'], env);
    assert.equal(r.code, 1);
    assert.match(r.err, /is not valid JSON .* left untouched/);
    assert.equal(readFileSync(file, 'utf8'), '{"model": ');
  });

  it('usage errors: --dry-run alone, --apply with --revert, an unknown shell', async () => {
    const { env } = sandbox();
    assert.equal((await ccmon(['env', '--dry-run'], env)).code, 2);
    assert.equal((await ccmon(['env', '--apply', '--revert'], env)).code, 2);
    assert.equal((await ccmon(['env', '--shell', 'tcsh'], env)).code, 2);
  });

  it('describes statusLine and hook changes next to env ones, each value on one line', () => {
    const hook = { hooks: [{ type: 'command', command: 'ccmon hook', timeout: 5 }] };
    const desired = { env: { CLAUDE_CODE_ENABLE_TELEMETRY: '1' }, statusLine: { type: 'command', command: 'ccmon statusline' }, hooks: { SessionStart: hook } };
    const text = '{\n  "statusLine": {\n    "type": "command",\n    "command": "mine"\n  }\n}\n';
    const { plan, record } = planSettingsApply(text, '/c/settings.json', desired, null, new Date(0));
    assert.equal(
      describePlan({ ...plan, backupFile: null, applied: false }, 'apply', true),
      [
        'Would change /c/settings.json under "env", "statusLine" and "hooks":',
        '  + CLAUDE_CODE_ENABLE_TELEMETRY=1',
        '  ~ statusLine: {"type": "command", "command": "mine"} → {"type": "command", "command": "ccmon statusline"}',
        '  + hooks.SessionStart: {"hooks": [{"type": "command", "command": "ccmon hook", "timeout": 5}]}',
        'Nothing was written (--dry-run). Run without --dry-run to apply.',
        '',
      ].join('\n'),
    );
    const revert = planSettingsRevert(plan.after, '/c/settings.json', record, []);
    const lines = describePlan({ ...revert, backupFile: '/c/settings.json.ccmon-backup-x', applied: true }, 'revert', false).split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'Changed /c/settings.json under "env", "statusLine" and "hooks":',
      '  - CLAUDE_CODE_ENABLE_TELEMETRY=1',
      '  ~ statusLine: {"type": "command", "command": "ccmon statusline"} → {"type": "command", "command": "mine"}',
      '  - hooks.SessionStart: {"hooks": [{"type": "command", "command": "ccmon hook", "timeout": 5}]}',
    ]);
  });

  it('the default shell comes from $SHELL', () => {
    assert.equal(defaultShell({ SHELL: '/usr/bin/zsh' }, 'linux'), 'zsh');
    assert.equal(defaultShell({ SHELL: '/usr/local/bin/fish' }, 'darwin'), 'fish');
    assert.equal(defaultShell({ SHELL: '/usr/bin/pwsh' }, 'linux'), 'powershell');
    assert.equal(defaultShell({}, 'win32'), 'powershell');
    assert.equal(defaultShell({ SHELL: '/bin/tcsh' }, 'linux'), 'bash');
  });
});
