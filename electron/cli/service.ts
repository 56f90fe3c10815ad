/**
 * The core service for one CLI command, loaded on demand (the stack control pulls in dockerode, which
 * most commands never need), and the one way commands call it: through the core's dispatch, so a bad
 * argument fails as it would over IPC or HTTP.
 */
import type { MonitorApi } from '../core/api/contract.js';
import type { MonitorService, MonitorServiceOptions } from '../core/service.js';
import type { CliContext } from './context.js';
import { ExitCode, UserError } from './output.js';

export interface CliServiceOptions extends Omit<MonitorServiceOptions, 'settings' | 'stack'> {
  /** Build the stack control (dockerode) too. */
  stack?: boolean;
}

export async function cliService(ctx: CliContext, options: CliServiceOptions = {}): Promise<MonitorService> {
  const { stack: withStack, ...rest } = options;
  const [{ createMonitorService }, stack] = await Promise.all([import('../core/service.js'), withStack ? stackControl(ctx) : undefined]);
  return createMonitorService({ settings: ctx.settings, env: ctx.env, ...rest, stack });
}

async function stackControl(ctx: CliContext) {
  const { createStackController } = await import('../core/stack/index.js');
  try {
    return createStackController(ctx.settings, { env: ctx.env });
  } catch (err) {
    throw new UserError((err as Error).message, (err as { hint?: string }).hint, ExitCode.usage);
  }
}

/** Calls the API through the core's dispatch; a refused argument is a usage error (exit 2). */
export async function call<M extends keyof MonitorApi>(api: MonitorApi, method: M, arg: Parameters<MonitorApi[M]>[0]): Promise<Awaited<ReturnType<MonitorApi[M]>>> {
  const { invoke } = await import('../core/api/dispatch.js');
  try {
    return await invoke(api, method, arg);
  } catch (err) {
    const e = err as { code?: string; message?: string; hint?: string };
    if (e.code === 'invalid-arguments') throw new UserError(e.message ?? String(err), e.hint, ExitCode.usage);
    throw err;
  }
}
