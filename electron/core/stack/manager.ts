/**
 * The stack manager: one stack (named by CCMON_STACK_NAME) and its lifecycle. It adopts what already
 * runs (containers, network and volumes named and labelled by the one definition, whether the app or
 * `docker compose` made them), never touches anything without the stack's label, keeps volumes on
 * `down`, and reports status changes and pull progress as events. The work is done by status.ts,
 * up.ts, teardown.ts and watch.ts; this holds what they share.
 */
import type { StackStatus } from '../api/types.js';
import { requireEngine, stackContext, type EventSink, type StackContext, type StackManagerOptions } from './context.js';
import { stackStatus } from './status.js';
import { purgeStack, stopStack, type Purged } from './teardown.js';
import { bringUp } from './up.js';
import { watchStack } from './watch.js';

export { StackError } from './errors.js';
export { findComposeDir, imagesFrom, stackNameFrom } from './stack-settings.js';
export type { EventSink, StackManagerOptions } from './context.js';

export class StackManager {
  readonly name: string;
  private readonly ctx: StackContext;
  private events: EventSink | undefined;
  /** Set by `up`, cleared by `down`/`purge`: the watcher restarts services that stop on their own. */
  private wantUp = false;

  constructor(options: StackManagerOptions) {
    this.events = options.events;
    this.ctx = stackContext(options, () => this.events);
    this.name = this.ctx.name;
  }

  /** Connects the manager to the service's event bus ('stack:status', 'stack:pull-progress'). */
  attach(events: EventSink): void {
    this.events = events;
  }

  async status(): Promise<StackStatus> {
    const status = await stackStatus(this.ctx);
    this.ctx.emitStatus(status);
    return status;
  }

  async up(): Promise<StackStatus> {
    const status = await bringUp(this.ctx, await requireEngine(this.ctx));
    this.wantUp = true;
    return status;
  }

  /** Stops the stack's containers. Containers, network and volumes (the data) stay. */
  async down(): Promise<StackStatus> {
    const conn = await requireEngine(this.ctx);
    this.wantUp = false;
    const status = await stopStack(this.ctx, conn);
    this.ctx.emitStatus(status);
    return status;
  }

  /** Removes everything labelled as this stack's: containers, network, and the data volumes. */
  async purge(): Promise<Purged> {
    const conn = await requireEngine(this.ctx);
    this.wantUp = false;
    const purged = await purgeStack(this.ctx, conn);
    this.ctx.emitStatus(purged.status);
    return purged;
  }

  /**
   * Polls the stack every `intervalMs` and emits 'stack:status' when anything changed (engine gone,
   * engine back, a service down or ready). After `up`, services that stopped on their own (an engine
   * restart) are started again. Returns a function that stops watching.
   */
  watch(intervalMs = 1000): () => void {
    return watchStack(this.ctx, intervalMs, { status: () => this.status(), wantUp: () => this.wantUp });
  }
}
