/** Grafana's admin password: generated on first start, kept by the app in a 0600 file (never admin/admin). */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const passwordFileName = 'grafana-admin-password';

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Reads the stored password, or generates and stores one (file mode 0600, folder 0700). */
export async function grafanaAdminPassword(configDir: string): Promise<string> {
  const file = path.join(configDir, passwordFileName);
  const existing = await fs.readFile(file, 'utf8').then((t) => t.trim(), () => '');
  if (existing) return existing;
  await fs.mkdir(configDir, { recursive: true, mode: 0o700 });
  const password = generatePassword();
  try {
    await fs.writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process wrote it first: theirs wins, so both use the same password.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await fs.readFile(file, 'utf8')).trim();
    throw err;
  }
  await fs.chmod(file, 0o600);
  return password;
}
