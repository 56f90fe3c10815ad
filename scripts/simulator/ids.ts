/** Deterministic ids shaped like Claude Code's (UUID session ids, 64-hex user ids). Pure. */
import { createHash } from 'node:crypto';

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A version-4-shaped UUID derived from `seed`. */
export function sessionUuid(seed: string): string {
  const h = hex(`session:${seed}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A 64-hex user id derived from `seed`. */
export function userHash(seed: string): string {
  return hex(`user:${seed}`);
}
