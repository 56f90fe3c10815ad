/**
 * The backend's secrets for hosts without an OS keychain (the CLI, web mode): one JSON file in the app's
 * config folder, readable by the user only (0600), written atomically. Never printed, logged or put in
 * a URL; `ccmon backend set-token` reads the token from stdin (a command-line argument would show in
 * `ps`). The tray app keeps the same names in the keychain (safeStorage) instead.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const secretNames = ['bearerToken', 'basicPassword'] as const;
export type SecretName = (typeof secretNames)[number];
export type Secrets = Partial<Record<SecretName, string>>;

export interface SecretStore {
  read(): Secrets;
  write(name: SecretName, value: string | null): Promise<void>;
  /** Where the secrets are kept, as a person reads it. */
  describe(): { kind: 'keychain' | 'file'; detail: string };
}

export const secretsFileName = 'secrets.json';

export function fileSecretStore(configDir: string): SecretStore & { file: string } {
  const file = path.join(configDir, secretsFileName);
  const read = (): Secrets => {
    try {
      // A secrets file others can read is not trusted with a secret: it is ignored (ccmon doctor says why).
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) return {};
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return Object.fromEntries(secretNames.filter((n) => typeof json[n] === 'string' && json[n] !== '').map((n) => [n, json[n] as string]));
    } catch {
      return {};
    }
  };
  return {
    file,
    read,
    describe: () => ({ kind: 'file', detail: `${file} (readable by you only)` }),
    async write(name, value) {
      const next = { ...read() };
      if (value) next[name] = value;
      else delete next[name];
      const { writeFileAtomic } = await import('../fs/atomic-write.js');
      const { chmod } = await import('node:fs/promises');
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { newFileMode: 0o600 });
      await chmod(file, 0o600);
    },
  };
}
