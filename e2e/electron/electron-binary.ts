/** Typed access to scripts/electron-binary.mjs (finds Electron without triggering a download). */
// @ts-expect-error -- a plain .mjs helper shared with scripts/start.mjs, typed here.
import { findElectronBinary as find } from '../../scripts/electron-binary.mjs';

export type ElectronBinary = { path: string } | { path: null; reason: string };
export const findElectronBinary = find as (env?: NodeJS.ProcessEnv) => ElectronBinary;
