/**
 * A backend's own CA, read once per client: its PEM text, trusted beside the public roots (http.ts).
 * A file that cannot be read, or holds no certificate, is said plainly at the first request.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../api/error-codes.js';

const pemCertificate = /-----BEGIN CERTIFICATE-----/;

export function readCaFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('backend-ca-unreadable', `The backend's CA file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, 'Fix the path in Settings → Backend (caFile), or clear it to trust the public roots only.');
  }
  if (!pemCertificate.test(text)) {
    throw new AppError('backend-ca-unreadable', `The backend's CA file ${file} holds no PEM certificate.`, 'Point caFile at the PEM file (-----BEGIN CERTIFICATE-----) of the CA that signed the backend.');
  }
  return text;
}
