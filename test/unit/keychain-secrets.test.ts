/** The tray's secret store: encrypted by the OS keychain where there is one, the 0600 file where not. */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keychainFileName, keychainSecretStore, keychainUsable, type SafeStorageLike } from '../../electron/main/keychain-secrets.js';
import { fileSecretStore } from '../../electron/core/config/secrets.js';
import { tempDir } from '../support/tmp.js';

/** A keychain double: "encrypts" by reversing and prefixing, so the file never holds the plain text. */
const keychain = (backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => true,
  encryptString: (p) => Buffer.from(`enc:${[...p].reverse().join('')}`),
  decryptString: (b) => {
    const t = b.toString();
    if (!t.startsWith('enc:')) throw new Error('not ours');
    return [...t.slice(4)].reverse().join('');
  },
  getSelectedStorageBackend: () => backend,
});

describe('keychain secret store', () => {
  it('keeps the secret encrypted (0600) and the copy for Claude Code\'s pushes in the CLI file; clear removes both', async () => {
    const dir = tempDir('ccmon-keychain-').path;
    const store = keychainSecretStore(dir, keychain(), 'linux');
    assert.equal(store.describe().kind, 'keychain');
    await store.write('bearerToken', 'tok-42');
    const raw = readFileSync(join(dir, keychainFileName), 'utf8');
    assert.doesNotMatch(raw, /tok-42/);
    assert.equal(statSync(join(dir, keychainFileName)).mode & 0o777, 0o600);
    assert.deepEqual(store.read(), { bearerToken: 'tok-42' });
    assert.deepEqual(fileSecretStore(dir).read(), { bearerToken: 'tok-42' }, 'the copy `ccmon otel-headers` reads');
    await store.write('bearerToken', null);
    assert.deepEqual(store.read(), {});
    assert.deepEqual(fileSecretStore(dir).read(), {});
  });

  it('a blob it cannot decrypt counts as not set', async () => {
    const dir = tempDir('ccmon-keychain-').path;
    await keychainSecretStore(dir, keychain(), 'linux').write('bearerToken', 'x');
    const other: SafeStorageLike = { ...keychain(), decryptString: () => { throw new Error('wrong key'); } };
    assert.deepEqual(keychainSecretStore(dir, other, 'linux').read(), {});
  });

  it("Linux without a secret service (safeStorage's fixed key) is not a keychain: the 0600 file, said so", () => {
    assert.equal(keychainUsable(keychain('basic_text'), 'linux'), false);
    assert.equal(keychainUsable(keychain('basic_text'), 'darwin'), true);
    assert.equal(keychainUsable({ ...keychain(), isEncryptionAvailable: () => false }, 'darwin'), false);
    const store = keychainSecretStore(tempDir('ccmon-keychain-').path, keychain('basic_text'), 'linux');
    assert.equal(store.describe().kind, 'file');
    assert.match(store.describe().detail, /no keychain/);
  });
});
