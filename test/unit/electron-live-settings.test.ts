/** The app's settings as last read, and changes told with the settings before them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingsSchema, type Settings } from '../../electron/core/config/settings-schema.js';
import { LiveSettings } from '../../electron/main/live-settings.js';

test('current() is the last read; listeners get the next and the previous settings', () => {
  let value: Settings = settingsSchema.parse({});
  let fire!: (s: Settings) => void;
  let reads = 0;
  const live = new LiveSettings({ current: () => (reads++, value), onChange: (l) => ((fire = l), () => undefined) });
  const seen: Array<[number, number]> = [];
  const off = live.onChange((next, previous) => seen.push([next.refreshIntervalSeconds, previous.refreshIntervalSeconds]));
  assert.equal(live.current().refreshIntervalSeconds, value.refreshIntervalSeconds);
  value = { ...value, refreshIntervalSeconds: 42 };
  assert.notEqual(live.current().refreshIntervalSeconds, 42, 'not re-read until the store says it changed');
  fire(value);
  assert.equal(live.current().refreshIntervalSeconds, 42);
  fire({ ...value, refreshIntervalSeconds: 7 });
  assert.deepEqual(seen, [[42, settingsSchema.parse({}).refreshIntervalSeconds], [7, 42]]);
  off();
  fire(value);
  assert.equal(seen.length, 2);
  assert.equal(reads, 1);
});
