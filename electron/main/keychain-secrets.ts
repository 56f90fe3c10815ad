/**
 * The tray app's secret store: each secret encrypted by the OS keychain (Electron's safeStorage:
 * Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux) and kept, encrypted,
 * in a 0600 file beside the settings. Where the OS offers no real keychain (Linux without a secret
 * service, where safeStorage would fall back to a fixed key), it is the CLI's 0600 file instead,
 * and says so.
 *
 * Claude Code's pushes run outside the app: its otelHeadersHelper is `ccmon otel-headers`, a separate
 * process that cannot ask the app's keychain entry. So every write also keeps the copy those pushes
 * read, in the CLI's 0600 file (the same one `ccmon backend set-token` writes), and a clear removes both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileSecretStore, secretNames, type SecretName, type SecretStore, type Secrets } from '../core/config/secrets.js';
import { writeFileAtomic } from '../core/fs/atomic-write.js';

/** The part of Electron's safeStorage used here (a double stands in for it in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keychain (a fixed key). */
  getSelectedStorageBackend?(): string;
}

export const keychainFileName = 'secrets.keychain.json';

export function keychainUsable(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safe.isEncryptionAvailable()) return false;
  return platform !== 'linux' || (safe.getSelectedStorageBackend?.() ?? 'basic_text') !== 'basic_text';
}

export function keychainSecretStore(configDir: string, safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretStore {
  const fallback = fileSecretStore(configDir);
  if (!keychainUsable(safe, platform)) {
    return { ...fallback, describe: () => ({ kind: 'file', detail: `${fallback.file} (readable by you only; this system offers no keychain to the app)` }) };
  }
  const file = path.join(configDir, keychainFileName);
  const encrypted = (): Record<string, string> => {
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  };
  const read = (): Secrets => {
    const out: Secrets = {};
    for (const [name, blob] of Object.entries(encrypted())) {
      if (!(secretNames as readonly string[]).includes(name)) continue;
      try {
        out[name as SecretName] = safe.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        // Encrypted for another user or keychain: as if not set (the doctor and Settings say none is set).
      }
    }
    return out;
  };
  return {
    read,
    describe: () => ({ kind: 'keychain', detail: `the OS keychain (and, for Claude Code's pushes, ${fallback.file}, readable by you only)` }),
    async write(name, value) {
      const next = encrypted();
      if (value) next[name] = safe.encryptString(value).toString('base64');
      else delete next[name];
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { newFileMode: 0o600 });
      // The copy Claude Code's pushes read follows (`ccmon otel-headers` cannot ask the keychain).
      await fallback.write(name, value);
    },
  };
}
