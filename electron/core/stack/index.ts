/** The stack as the service sees it: a StackController built from the settings. */
import type { DoctorReport, StackStatus } from '../api/types.js';
import type { Settings } from '../config/settings-schema.js';
import { runDoctor } from '../doctor/doctor.js';
import { StackManager, type EventSink, type StackManagerOptions } from './manager.js';

export { StackManager, StackError, findComposeDir } from './manager.js';

export interface StackControl {
  manager: StackManager;
  status(): Promise<StackStatus>;
  up(): Promise<StackStatus>;
  down(): Promise<StackStatus>;
  doctor(): Promise<DoctorReport>;
  attach(events: EventSink): void;
}

export function createStackController(settings: Settings, options: Omit<StackManagerOptions, 'urls'> = {}): StackControl {
  const manager = new StackManager({ ...options, urls: settings });
  return {
    manager,
    status: () => manager.status(),
    up: () => manager.up(),
    down: () => manager.down(),
    doctor: () => runDoctor({ settings, stackStatus: () => manager.status() }),
    attach: (events) => manager.attach(events),
  };
}
