/**
 * A throwaway certificate authority and a server certificate it signed (for localhost and 127.0.0.1),
 * made with openssl in a temp dir removed on remove(): a backend behind TLS with its own CA.
 *
 *   const pki = makeTestPki();   // pki.caFile, pki.certFile, pki.keyFile, pki.caPem
 *   ...; pki.remove();
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

export interface TestPki {
  caFile: string;
  caPem: string;
  certFile: string;
  keyFile: string;
  remove(): void;
}

export function makeTestPki(): TestPki {
  const dir = tempDir('ccmon-pki-');
  const f = (name: string): string => join(dir.path, name);
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=ccmon test CA', '-keyout', f('ca.key'), '-out', f('ca.pem'));
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.csr'));
    writeFileSync(f('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
    openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f('server.ext'), '-out', f('server.pem'));
  } catch (err) {
    dir.remove();
    throw new Error(`openssl could not make the test certificates: ${String((err as { stderr?: Buffer }).stderr ?? err)}`, { cause: err });
  }
  return { caFile: f('ca.pem'), caPem: readFileSync(f('ca.pem'), 'utf8'), certFile: f('server.pem'), keyFile: f('server.key'), remove: () => dir.remove() };
}
