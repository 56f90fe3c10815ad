/** The stack as the service and the hosts see it: the one stack-control interface, built from the settings. */
import type { DoctorReport, PurgeResult, StackStatus } from '../api/types.js';
import type { Settings } from '../config/settings-schema.js';
import path from 'node:path';
import { appConfigDir, cacheDir } from '../config/paths.js';
import { runDoctor } from '../doctor/doctor.js';
import { passwordFileName } from './password.js';
import type { EventSink, StackManagerOptions } from './context.js';
import { StackManager } from './manager.js';

export { StackManager } from './manager.js';
export { StackError } from './errors.js';
export { findComposeDir, imagesFrom, stackNameFrom } from './stack-settings.js';

export interface StackControl {
  manager: StackManager;
  status(): Promise<StackStatus>;
  up(): Promise<StackStatus>;
  down(): Promise<StackStatus>;
  /** Removes the containers, network and data volumes (the caller has the user's confirmation). */
  purge(): Promise<PurgeResult>;
  doctor(): Promise<DoctorReport>;
  attach(events: EventSink): void;
  /** Live 'stack:status' events (engine gone/back, services down/ready) and self-recovery after `up`; returns stop(). */
  watch(intervalMs?: number): () => void;
  /** Where the generated Grafana admin password is kept (0600). */
  passwordFile: string;
}

export function createStackController(settings: Settings, options: Omit<StackManagerOptions, 'urls'> = {}): StackControl {
  const manager = new StackManager({ ...options, urls: settings });
  return {
    manager,
    status: () => manager.status(),
    up: () => manager.up(),
    down: () => manager.down(),
    purge: () => manager.purge(),
    doctor: () => runDoctor({ settings, cacheDir: cacheDir(options.env ?? process.env), stackStatus: () => manager.status() }),
    attach: (events) => manager.attach(events),
    watch: (intervalMs) => manager.watch(intervalMs),
    passwordFile: path.join(options.configDir ?? appConfigDir(options.env ?? process.env), passwordFileName),
  };
}
