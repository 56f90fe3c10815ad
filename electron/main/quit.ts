/**
 * Quitting: the loops stop once, and the stack keeps running unless the user chose otherwise. Then
 * the first quit is held while the stack stops (at most 30 s), and the app quits again after.
 */
import type { App } from 'electron';
import { withTimeout } from '../core/net/timeout.js';

export const STOP_ON_QUIT_TIMEOUT_MS = 30_000;

export interface QuitDeps {
  /** On every quit (a popover's close then really closes it). */
  quitting(): void;
  /** Stops the refresh loop and the stack watcher. */
  stop(): void;
  /** Whether to stop the stack first (asked at quit time). */
  stopStackFirst(): boolean;
  stackDown(): Promise<unknown>;
  log(message: string): void;
}

export function handleQuit(app: Pick<App, 'on' | 'quit'>, deps: QuitDeps): void {
  let handled = false;
  app.on('before-quit', (event) => {
    deps.quitting();
    if (handled) return;
    handled = true;
    deps.stop();
    if (!deps.stopStackFirst()) return;
    deps.log('stopping the stack before quitting (settings: stop stack on quit)');
    event.preventDefault();
    void withTimeout(deps.stackDown(), STOP_ON_QUIT_TIMEOUT_MS, 'the stack did not stop')
      .catch((err: Error) => deps.log(`stop on quit: ${err.message}`))
      .finally(() => app.quit());
  });
}
