import type { Command } from 'commander';
import type { Io } from '../output.js';
import type { GlobalFlags } from '../context.js';

export interface CommandDeps {
  io: Io;
  env: NodeJS.ProcessEnv;
  /** The global flags, read when the command runs. */
  globals: () => GlobalFlags;
  setExit: (code: number) => void;
}

export type RegisterCommand = (program: Command, deps: CommandDeps) => void;
