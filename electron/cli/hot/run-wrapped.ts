/**
 * A user's own status line command, wrapped by ours: run as Claude Code runs it (through the shell, with
 * the same JSON on stdin), its output kept as it is, within the time the status line has. The command is
 * the user's own text from their settings, kept in the install record (not in our command line: no
 * shell string is built from it).
 */

export type WrappedOutcome = { ok: true; output: string } | { ok: false; output: string; detail: string };

export function runWrapped(command: string, input: string, budgetMs: number, env: NodeJS.ProcessEnv): Promise<WrappedOutcome> {
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    // node:child_process is loaded only where there is a command to run (it costs ~5 ms to load).
    const child = process.getBuiltinModule('node:child_process').spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'ignore'], env, windowsHide: true });
    const done = (outcome: WrappedOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ ok: false, output, detail: `your status line command did not finish within ${budgetMs} ms` });
    }, Math.max(1, budgetMs));
    child.stdout.on('data', (c: Buffer) => {
      if (output.length < 64 * 1024) output += c.toString('utf8');
    });
    child.on('error', (err) => done({ ok: false, output, detail: `your status line command could not start: ${err.message}` }));
    child.on('close', (code) => done(code === 0 ? { ok: true, output } : { ok: false, output, detail: `your status line command exited ${code}` }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
