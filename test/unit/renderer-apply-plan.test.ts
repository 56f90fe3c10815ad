/** Apply's preview, readably: the changes by section, the status line and hooks as their commands, a wrapped status line named. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnvChange } from '../../electron/core/env/types.js';
import { commandOf, groupChanges, readableSides, wrappedStatusLine } from '../../renderer/src/lib/planChanges.js';
import { isCcmonCommand as isOurCommand } from '../../electron/core/env/ccmon-command-match.js';

const ours = "/usr/bin/node '/home/dev/my code/bin/ccmon.cjs' statusline --install 8dbf3c8c2802";
const ourHook = '/usr/bin/node /opt/ccmon/bin/ccmon.cjs hook --install 8dbf3c8c2802';
const statusLine = (command: string): string => JSON.stringify({ type: 'command', command, padding: 0 });
const changes: EnvChange[] = [
  { section: 'hooks', key: 'hooks.SessionStart', before: null, after: JSON.stringify({ hooks: [{ type: 'command', command: ourHook, timeout: 5 }] }) },
  { section: 'env', key: 'CLAUDE_CODE_ENABLE_TELEMETRY', before: null, after: '1' },
  { section: 'statusLine', key: 'statusLine', before: statusLine("printf 'MY-OWN-LINE'"), after: statusLine(ours) },
  { section: 'env', key: 'OTEL_METRICS_EXPORTER', before: 'prometheus', after: 'otlp' },
];

describe('renderer: the Apply preview', () => {
  it('groups the changes: env, then the status line, then the hooks (empty sections left out)', () => {
    assert.deepEqual(
      groupChanges(changes).map((g) => [g.section, g.changes.map((c) => c.key)]),
      [
        ['env', ['CLAUDE_CODE_ENABLE_TELEMETRY', 'OTEL_METRICS_EXPORTER']],
        ['statusLine', ['statusLine']],
        ['hooks', ['hooks.SessionStart']],
      ],
    );
    assert.deepEqual(groupChanges(changes.filter((c) => c.section === 'env')).map((g) => g.section), ['env']);
  });
  it('a status line and a hook read as their commands; env values as they are; other JSON as its text', () => {
    assert.deepEqual(readableSides(changes[2]!), { before: "printf 'MY-OWN-LINE'", after: ours });
    assert.deepEqual(readableSides(changes[0]!), { before: null, after: ourHook });
    assert.deepEqual(readableSides(changes[3]!), { before: 'prometheus', after: 'otlp' });
    assert.equal(commandOf('{"type":"static"}'), null);
    assert.deepEqual(readableSides({ section: 'statusLine', key: 'statusLine', before: '{"type":"static"}', after: null }), { before: '{"type":"static"}', after: null });
  });
  it('knows our own commands (npm bin, a checkout, quoted paths), and no one else\'s', () => {
    assert.equal(isOurCommand(ours, 'statusline'), true);
    assert.equal(isOurCommand('ccmon statusline', 'statusline'), true);
    assert.equal(isOurCommand(ourHook, 'hook'), true);
    assert.equal(isOurCommand(ourHook, 'statusline'), false);
    assert.equal(isOurCommand('~/bin/my-ccmon-statusline', 'statusline'), false);
    assert.equal(isOurCommand("printf 'ccmon statusline'", 'statusline'), false);
  });
  it("names the user's status line that ours wraps; not ours replacing ours, not a first install", () => {
    assert.equal(wrappedStatusLine(changes[2]!), "printf 'MY-OWN-LINE'");
    assert.equal(wrappedStatusLine({ ...changes[2]!, before: statusLine(ours.replace('8dbf', 'aaaa')) }), null);
    assert.equal(wrappedStatusLine({ ...changes[2]!, before: null }), null);
    assert.equal(wrappedStatusLine({ ...changes[2]!, after: null }), null);
    assert.equal(wrappedStatusLine(changes[1]!), null);
  });
});
