import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createMonitorService } from '../../core/service.js';
import type { Settings } from '../../core/config/settings-schema.js';
import { createStackController, type StackControl } from '../../core/stack/index.js';
import { startWebServer } from '../../web/server.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError } from '../output.js';
import type { RegisterCommand } from './types.js';

export const defaultWebPort = 9777;

/** dist/renderer, beside dist/electron (this file runs as dist/electron/cli/commands/web.js). */
export function rendererDir(env: NodeJS.ProcessEnv): string {
  return env.CCMON_RENDERER_DIR ?? fileURLToPath(new URL('../../../renderer/', import.meta.url));
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UserError(`--port "${value}" is not a port number (0-65535; 0 picks a free one).`, undefined, ExitCode.usage);
  return n;
}

export const registerWeb: RegisterCommand = (program, deps) => {
  program
    .command('web')
    .description('Serve the dashboard and its API on 127.0.0.1 (open the printed URL in a browser). Stops on Ctrl+C.')
    .option('--port <n>', `port on 127.0.0.1 (default ${defaultWebPort}; 0 picks a free one)`)
    .action(async (opts: { port?: string }) => {
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const dir = rendererDir(deps.env);
      if (!existsSync(path.join(dir, 'index.html'))) {
        throw new UserError(`The dashboard is not built (no ${path.join(dir, 'index.html')}).`, 'Run `npm run build` in the checkout first.');
      }
      const port = opts.port === undefined ? defaultWebPort : parsePort(opts.port);
      const stack = await loadStack(ctx.settings, deps.env);
      const service = createMonitorService({ settings: ctx.settings, env: deps.env, stack, liveSummary: true });
      // Live 'stack:status' events (engine gone or back, services down or ready) for the page's SSE.
      const unwatch = stack ? stack.watch(2000) : () => undefined;
      let server;
      try {
        server = await startWebServer({ service, rendererDir: dir, port, refreshIntervalSeconds: ctx.settings.refreshIntervalSeconds });
      } catch (err) {
        unwatch();
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError(`Port ${port} on 127.0.0.1 is in use.`, 'Pick another with --port N (or --port 0 for any free port).');
        throw err;
      }
      deps.io.stdout(`Claude Code Monitor: ${server.url}/\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          unwatch();
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};

/** The stack controller (dockerode); none when it can't be built (a bad CCMON_STACK_NAME: the UI says so). */
async function loadStack(settings: Settings, env: NodeJS.ProcessEnv): Promise<StackControl | undefined> {
  try {
    return createStackController(settings, { env });
  } catch {
    return undefined;
  }
}
