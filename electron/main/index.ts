/** Entry of the Electron main process (package.json "main"). */
import { app } from 'electron';
import { startApp, type AppHandle } from './app.js';

export const started: Promise<AppHandle | null> = startApp().catch((err: unknown) => {
  process.stderr.write(`[ccmon] fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  app.exit(1);
  return null;
});
