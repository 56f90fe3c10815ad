import type { RegisterCommand } from './types.js';

/**
 * `ccmon statusline` in the command list (for --help). bin/ccmon.cjs runs it without loading the CLI
 * (electron/cli/hot/statusline.ts); this entry serves callers of `main()`.
 */
export const registerStatusline: RegisterCommand = (program, deps) => {
  program
    .command('statusline')
    .description(
      "One short line for Claude Code's status line, installed by `ccmon env --apply`: model, this session's cost, today's cost and the plan limits (5h 37% · 7d 55%). " +
        'Reads Claude Code\'s JSON on stdin, records the plan limits in the backend, and never takes longer than --timeout.',
    )
    .option('--timeout <ms>', 'the bound for everything it does, 50-10000 ms', '800')
    .option('--install <id>', 'the install record `ccmon env --apply` wrote (where to push; the user\'s own status line command it wraps)')
    .action(async (opts: { timeout: string; install?: string }) => {
      const { statusline } = await import('../hot/statusline.js');
      const code = await statusline(['--timeout', opts.timeout, ...(opts.install ? ['--install', opts.install] : [])], deps.io, deps.env);
      if (code !== 0) deps.setExit(code);
    });
};
