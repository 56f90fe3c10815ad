import type { RegisterCommand } from './types.js';

/**
 * `ccmon otel-headers` in the command list (for --help). bin/ccmon.cjs runs it without loading the CLI
 * (electron/cli/hot/otel-headers.ts); this entry serves callers of `main()`.
 */
export const registerOtelHeaders: RegisterCommand = (program, deps) => {
  program
    .command('otel-headers')
    .description("Claude Code's otelHeadersHelper for a shared backend (set by `ccmon env --apply`): prints its credentials as the JSON headers of Claude Code's pushes.")
    .option('--install <id>', 'the install record `ccmon env --apply` wrote')
    .action(async (opts: { install?: string }) => {
      const { otelHeaders } = await import('../hot/otel-headers.js');
      deps.setExit(await otelHeaders(opts.install ? ['--install', opts.install] : [], deps.io, deps.env));
    });
};
