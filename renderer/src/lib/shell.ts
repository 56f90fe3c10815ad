import type { Shell } from '../../../electron/core/api/domain.js';

/** The likely shell of this machine, from navigator.platform. */
export function guessShell(platform: string): Shell {
  if (/win/i.test(platform)) return 'powershell';
  if (/mac/i.test(platform)) return 'zsh';
  return 'bash';
}
