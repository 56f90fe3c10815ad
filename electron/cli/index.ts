import { Command, CommanderError } from 'commander';
import { ExitCode, UserError, formatError, processIo, type Io } from './output.js';
import type { GlobalFlags } from './context.js';
import { commands } from './commands/index.js';
import { printable } from '../core/format/printable.js';

/** Builds the `ccmon` program. Each command registers itself from ./commands. */
export function buildProgram(io: Io, env: NodeJS.ProcessEnv, setExit: (code: number) => void): Command {
  const program = new Command('ccmon')
    .description('Claude Code Monitor: cost, tokens and sessions from Claude Code telemetry, and the stack that collects it.')
    .option('--prometheus-url <url>', 'Prometheus base URL (env CCMON_PROMETHEUS_URL)')
    .option('--grafana-url <url>', 'Grafana base URL (env CCMON_GRAFANA_URL)')
    .option('--loki-url <url>', 'Loki base URL (env CCMON_LOKI_URL)')
    .option('--exporter-url <url>', "Claude Code's Prometheus exporter (env CCMON_EXPORTER_URL)")
    .showHelpAfterError('(run `ccmon --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const globals = (): GlobalFlags => program.opts<GlobalFlags>();
  for (const register of commands) register(program, { io, env, globals, setExit });
  return program;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, env, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    // Errors may quote what a server or a file said: never let that drive the user's terminal.
    io.stderr(`ccmon: ${printable(formatError(err), 4000, { keepNewlines: true })}\n`);
    return err instanceof UserError ? err.exitCode : ExitCode.failure;
  }
}
