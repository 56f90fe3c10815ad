/**
 * Hands a hook's work to a process of its own, so the hook Claude Code waits for returns at once: the
 * push's HTTP round trip and node:http's first use (about 25 ms of a 40 ms hook) happen after Claude
 * Code has gone on, which matters most at SessionEnd, where Claude Code exits only when its hooks have.
 * The new process is detached (its own process group: it outlives a closed terminal and Claude Code's
 * exit), holds none of Claude Code's pipes, and runs the same command with `--foreground`, within the
 * same bound. The input goes in its environment, which only its user can read (not in its arguments,
 * which anyone can; and a pipe costs twice the time to set up); it takes the variable out at once.
 */

/** True when the work was handed off; false (the caller does it itself) when it can't be. */
export type HandOff = (input: string, argv: string[]) => Promise<boolean>;

const inputVariable = 'CCMON_HANDED_OFF_HOOK_INPUT';

/** Only when this process is `ccmon hook` as Claude Code runs it (`node …/ccmon.cjs hook …`), never in-process. */
export const handOffToBackground: HandOff = async (input, argv) => {
  const script = process.argv[1];
  if (!script || process.argv[2] !== 'hook') return false;
  try {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [script, 'hook', '--foreground', ...argv], { detached: true, stdio: 'ignore', windowsHide: true, env: { ...process.env, [inputVariable]: input } });
    child.on('error', () => undefined);
    child.unref();
    return child.pid !== undefined;
  } catch {
    // E2BIG (an input larger than the environment takes), EAGAIN: the caller does the work itself.
    return false;
  }
};

/** The input a hand-off passed on, taken out of `env` (so nothing this process starts inherits it). */
export function handedOffInput(env: NodeJS.ProcessEnv): string | undefined {
  const input = env[inputVariable];
  delete env[inputVariable];
  return input;
}
