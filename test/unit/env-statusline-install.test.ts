/** The status line ccmon installs wraps the user's own command, and never its own (a second apply). */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ccmonCommandLine, ccmonInvocation, isCcmonCommand } from '../../electron/core/env/ccmon-command.js';
import { applyInstall } from '../../electron/core/env/install.js';
import { readInstall, installId } from '../../electron/core/env/install-record.js';
import { planStatusLine } from '../../electron/core/env/statusline-install.js';
import { settingsSandbox } from '../support/claude-settings.js';

describe('our own commands are recognised', () => {
  it('from a checkout (node …/bin/ccmon.cjs), an npm bin, a quoted path, Windows', () => {
    for (const command of [
      '/usr/bin/node /opt/ccmon/bin/ccmon.cjs statusline --install 0123456789ab',
      "'/home/me/my code/bin/ccmon.cjs' statusline",
      'ccmon statusline',
      '"C:\\Program Files\\nodejs\\node.exe" "C:\\ccmon\\bin\\ccmon.cjs" statusline --install x',
      'node dist/electron/cli/ccmon.js statusline',
    ]) assert.ok(isCcmonCommand(command, 'statusline'), command);
    assert.ok(isCcmonCommand('/usr/bin/node /opt/ccmon/bin/ccmon.cjs otel-headers --install 1', 'otel-headers'));
    for (const command of ['~/bin/my-ccmon-line.sh', 'echo ccmon statusline-ish', 'ccmonitor statusline', 'ccmon status']) assert.ok(!isCcmonCommand(command, 'statusline'), command);
  });

  it('a second apply keeps wrapping the user\'s command, never ours', async () => {
    const box = settingsSandbox(JSON.stringify({ statusLine: { type: 'command', command: '~/bin/my-line.sh' } }));
    const configDir = join(box.root, 'app');
    const ctx = { files: box.files, configDir, settings: { prometheusUrl: 'http://127.0.0.1:9090', lokiUrl: 'http://127.0.0.1:3100', exporterUrl: 'http://127.0.0.1:9464/metrics', otlpMetricsUrl: null }, invocation: ccmonInvocation() };
    await applyInstall({ mode: 'push', hooks: false }, ctx);
    await applyInstall({ mode: 'push', hooks: false }, ctx);
    assert.equal((await readInstall(configDir, installId(box.files.settingsFile)))?.wrappedCommand, '~/bin/my-line.sh');
    // And when settings.json already holds ours without a record of the user's: nothing is wrapped.
    const ours = ccmonCommandLine(ccmonInvocation(), ['statusline', '--install', installId(box.files.settingsFile)]);
    const fresh = settingsSandbox(JSON.stringify({ statusLine: { type: 'command', command: ours } }));
    writeFileSync(fresh.files.settingsFile, JSON.stringify({ statusLine: { type: 'command', command: ours } }));
    assert.equal((await planStatusLine(fresh.files.settingsFile, join(fresh.root, 'app'), ccmonInvocation())).wrappedCommand, null);
  });
});
