import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadContext } from '../context.js';
import { ExitCode, UserError } from '../output.js';
import { cliService } from '../service.js';
import type { RegisterCommand } from './types.js';
import type { MonitorService } from '../../core/service.js';
import type { WebServer } from '../../web/server.js';

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
      // A secret set or cleared from the page: the settings are read again (they carry it) and a new
      // service takes over before the call answers, so the next read already uses it.
      let server: WebServer | undefined;
      let unwatch = (): void => undefined;
      const serve = (service: MonitorService): void => {
        unwatch();
        // Live 'stack:status' events (engine gone or back, services down or ready) for the page's SSE.
        unwatch = service.watchStack(2000);
        server?.replaceService(service);
      };
      const onSecretsChanged = async (): Promise<void> => serve(await webService(await loadContext(deps.globals(), deps.env, deps.io), onSecretsChanged));
      const [service, { startWebServer }] = await Promise.all([webService(ctx, onSecretsChanged), import('../../web/server.js')]);
      serve(service);
      try {
        server = await startWebServer({ service, rendererDir: dir, port, refreshIntervalSeconds: ctx.settings.refreshIntervalSeconds });
      } catch (err) {
        unwatch();
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError(`Port ${port} on 127.0.0.1 is in use.`, 'Pick another with --port N (or --port 0 for any free port).');
        throw err;
      }
      const running = server;
      deps.io.stdout(`Claude Code Monitor: ${running.url}/\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          unwatch();
          void running.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};

/** The service with stack control when it can be built (a bad CCMON_STACK_NAME: the page says the stack is unavailable). */
async function webService(ctx: Parameters<typeof cliService>[0], onSecretsChanged: () => Promise<void>): Promise<MonitorService> {
  const withStack = await cliService(ctx, { stack: true, liveSummary: true, onSecretsChanged }).catch(() => undefined);
  return withStack ?? cliService(ctx, { liveSummary: true, onSecretsChanged });
}
