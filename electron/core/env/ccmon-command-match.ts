/**
 * Whether a command line is one of ours (`ccmon statusline`, `ccmon hook`, `ccmon otel-headers`), from
 * the PATH, an npm bin, or a checkout's bin/ccmon.cjs: so ours is never wrapped or kept as the user's.
 * No dependencies: the renderer's preview uses it too.
 */
export type CcmonSubcommand = 'statusline' | 'hook' | 'otel-headers';

export function isCcmonCommand(command: string, subcommand: CcmonSubcommand): boolean {
  return new RegExp(`(^|[\\s/\\\\'"])ccmon(\\.c?js)?['"]?\\s+${subcommand}(\\s|$)`).test(command);
}
