/**
 * The tray app's running service: wired once it starts (today's summary feed run at the window's
 * pace, the stack watched, every event forwarded to the window, stack status and summary outcomes to
 * the app), and built anew, wiring and all, when a setting it is built from changes. No electron
 * import: the host is tested with a fake service.
 */
import type { StackStatus } from '../core/api/types.js';
import type { Settings } from '../core/config/settings-schema.js';
import type { SummaryOutcome } from '../core/live/summary-feed.js';
import type { MonitorService } from '../core/service.js';
import { forwardEvents } from './forward-events.js';

/** How often the stack watcher looks at the engine (cheap local Docker API calls). */
export const STACK_WATCH_MS = 3000;

/** Settings whose change needs a new service (the Prometheus client and friends are built from them). */
export const serviceKeys = ['prometheusUrl', 'grafanaUrl', 'lokiUrl', 'exporterUrl', 'otlpMetricsUrl', 'telemetryMode', 'prometheusAuth', 'backend'] as const;

export function needsNewService(previous: Settings, next: Settings): boolean {
  return serviceKeys.some((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
}

export interface HostedService {
  service: MonitorService;
  /** Whether this service can run the stack (no stack control when it could not be loaded). */
  stackControl: boolean;
}

export interface ServiceWiring {
  /** The summary feed's interval, read at every re-arm. */
  interval(): number;
  send(channel: string, payload: unknown): void;
  stackStatus(status: StackStatus): void;
  outcome(outcome: SummaryOutcome): void;
}

/** Wires and runs a built service; returns the teardown. */
export function wireService(service: MonitorService, wiring: ServiceWiring): () => void {
  const offs = [
    forwardEvents(service.events, (channel, payload) => wiring.send(channel, payload)),
    service.events.on('stack:status', (status) => wiring.stackStatus(status)),
    service.summaries.onOutcome((outcome) => wiring.outcome(outcome)),
    service.watchStack(STACK_WATCH_MS),
  ];
  service.summaries.run(() => wiring.interval());
  return () => {
    service.summaries.stop();
    for (const off of offs) off();
  };
}

export class ServiceHost {
  private hosted: HostedService;
  private running: { wiring: ServiceWiring; teardown: () => void } | null = null;

  constructor(
    private readonly build: (settings: Settings) => HostedService,
    settings: Settings,
  ) {
    this.hosted = build(settings);
  }

  service(): MonitorService {
    return this.hosted.service;
  }

  hasStackControl(): boolean {
    return this.hosted.stackControl;
  }

  start(wiring: ServiceWiring): void {
    if (!this.running) this.running = { wiring, teardown: wireService(this.hosted.service, wiring) };
  }

  /** A new service when one it is built from changed; else a refresh now (budgets, the interval). */
  settingsChanged(previous: Settings, next: Settings): void {
    if (!needsNewService(previous, next)) {
      this.hosted.service.summaries.kick();
      return;
    }
    this.rebuild(next);
  }

  /** A new service from `settings` (a setting it is built from changed, or a secret it reads). */
  rebuild(settings: Settings): void {
    const wiring = this.running?.wiring;
    this.stop();
    this.hosted = this.build(settings);
    if (wiring) this.start(wiring);
  }

  stop(): void {
    this.running?.teardown();
    this.running = null;
  }
}
