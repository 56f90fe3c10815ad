/** electron-builder.yml is valid against electron-builder's own JSON schema, and says what the issue asks. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const schemaFile = path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  extraResources: Array<{ from: string; to: string }>;
  files: string[];
  directories: { output: string };
};

/**
 * The same ajv options electron-builder 26 uses in app-builder-lib/out/util/config/schemaValidator.js
 * (allErrors, coerceTypes, strict: false): its schema marks function-valued options (desktop.entry,
 * hooks) with a non-standard `typeof` keyword that ajv, non-strict, treats as "anything", as
 * electron-builder itself does.
 */
function validator() {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, coerceTypes: true, strict: false });
  const validate = ajv.compile(schema);
  // coerceTypes rewrites data in place: validate a copy.
  return Object.assign((data: unknown) => validate(structuredClone(data)), { get errors() { return validate.errors; } });
}

test("electron-builder.yml validates against app-builder-lib's scheme.json", () => {
  const validate = validator();
  const ok = validate(config);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
});

test('the schema check has teeth: a misspelt key and a wrong type are rejected', () => {
  const validate = validator();
  assert.equal(validate({ ...config, prodcutName: 'x' }), false);
  assert.equal(validate({ ...config, asar: 'yes please' }), false);
});

test('targets: AppImage + deb, dmg, nsis; appId and productName; compose shipped as extra resources', () => {
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.equal(config.productName, 'Claude Code Monitor');
  // The main process names itself and its Windows AppUserModelID the same way.
  const appSource = fs.readFileSync(path.join(root, 'electron', 'main', 'app-identity.ts'), 'utf8');
  assert.match(appSource, new RegExp(`PRODUCT_NAME = '${config.productName}'`));
  assert.match(appSource, new RegExp(`APP_ID = '${String(config.appId).replace(/\./g, '\\.')}'`));
  assert.match(String(config.appId), /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  assert.deepEqual(config.extraResources.find((r) => r.from === 'compose'), { from: 'compose', to: 'compose', filter: ['**/*'] });
  assert.ok(fs.existsSync(path.join(root, 'compose', 'docker-compose.yml')));
});

test('everything the config points at exists (icons, tray icons)', () => {
  for (const p of [config.mac.icon, config.win.icon, config.linux.icon, 'resources/tray']) assert.ok(fs.existsSync(path.join(root, p)), p);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) assert.ok(fs.existsSync(path.join(root, config.linux.icon, `${size}x${size}.png`)));
  // The packaged app finds tray icons under process.resourcesPath/tray, as extraResources puts them.
  assert.ok(config.extraResources.some((r) => r.from === 'resources/tray' && r.to === 'tray'));
  // The main process loads dist/electron/main/index.js (package.json "main"), which files must include.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
  assert.equal(pkg.main, 'dist/electron/main/index.js');
  assert.ok(config.files.includes('dist/electron/**/*'));
  assert.ok(fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n').includes(`${config.directories.output}/`));
});

test("electron-builder's own validateConfiguration accepts it too (and rejects a misspelling)", async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add(): void }) => Promise<void>;
  };
  const logger = { isEnabled: false, add: () => undefined };
  await validateConfiguration(structuredClone(config), logger);
  await assert.rejects(validateConfiguration({ ...structuredClone(config), linux: { ...config.linux, tragets: [] } }, logger), /does not match the API schema[\s\S]*configuration\.linux/);
});
