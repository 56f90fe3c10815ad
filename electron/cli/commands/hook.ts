import type { RegisterCommand } from './types.js';

/**
 * `ccmon hook` in the command list (for --help). bin/ccmon.cjs runs it without loading the CLI
 * (electron/cli/hot/hook.ts); this entry serves callers of `main()`.
 */
export const registerHook: RegisterCommand = (program, deps) => {
  program
    .command('hook')
    .description("Run by Claude Code's SessionStart and SessionEnd hooks (installed by `ccmon env --apply`): records the session's project, branch and worktree in the backend. Prints nothing, always exits 0.")
    .option('--install <id>', 'the install record `ccmon env --apply` wrote (where to push)')
    .option('--timeout <ms>', 'the bound for everything it does', '1500')
    .action(async (opts: { install?: string; timeout: string }) => {
      const { hook } = await import('../hot/hook.js');
      await hook(['--timeout', opts.timeout, ...(opts.install ? ['--install', opts.install] : [])], deps.io, deps.env);
    });
};
