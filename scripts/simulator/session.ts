/**
 * One simulated Claude Code process: its own MeterProvider (so counters start at zero), Claude
 * Code's instruments and attributes, and one exporter: the Prometheus pull exporter on its own
 * host:port, or OTLP http/protobuf push with cumulative temporality.
 */
import type { Attributes, Counter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { DEFAULT_CLAUDE_VERSION, INSTRUMENTS, INSTRUMENT_KEYS, SCOPE_NAME, exporterInstrumentName, type InstrumentKey, type Spelling } from './instruments.js';
import { TOKEN_TYPES, type SessionRun, type UsageStep } from './scenario.js';

export type ProcessOutput =
  | {
      mode: 'prometheus';
      /** Default 127.0.0.1 (Claude Code's exporter listens on all interfaces; tests stay on loopback). */
      host?: string;
      port: number;
      /** Default `plain` (as Claude Code's own exporter). */
      spelling?: Spelling;
    }
  | {
      mode: 'otlp';
      /** Full metrics URL, e.g. http://127.0.0.1:9090/api/v1/otlp/v1/metrics. */
      endpoint: string;
      /** Periodic push interval; default 1000 ms. A final push always happens on stop. */
      exportIntervalMs?: number;
      headers?: Record<string, string>;
    };

/** The resource attributes of a real Claude Code process (become `target_info` labels). */
export function processResource(version: string): Record<string, string> {
  // Order as in the real scrape's target_info.
  return {
    'host.arch': 'amd64',
    'os.type': 'linux',
    'os.version': '6.1.0',
    'service.name': 'claude-code',
    'service.version': version,
  };
}

export class SimProcess {
  private constructor(
    readonly run: SessionRun,
    readonly output: ProcessOutput,
    private readonly provider: MeterProvider,
    private readonly counters: Record<InstrumentKey, Counter>,
  ) {}

  /** Starts the process: exporter up (port bound for prometheus), session counter at 1. */
  static async start(run: SessionRun, output: ProcessOutput): Promise<SimProcess> {
    const version = run.version ?? DEFAULT_CLAUDE_VERSION;
    let reader: MetricReader;
    let spelling: Spelling = 'plain';
    if (output.mode === 'prometheus') {
      spelling = output.spelling ?? 'plain';
      const exporter = new PrometheusExporter({ host: output.host ?? '127.0.0.1', port: output.port, preventServerStart: true });
      try {
        await exporter.startServer();
      } catch (err) {
        await exporter.shutdown().catch(() => undefined);
        throw new Error(`Simulated session ${run.sessionId} could not listen on ${output.host ?? '127.0.0.1'}:${output.port}: ${(err as Error).message}`, { cause: err });
      }
      // exporter-prometheus 0.223.0 pins sdk-metrics 2.12.0 while the top level has 2.12.1: same
      // runtime shape, two declarations of MetricReader's private fields.
      reader = exporter as unknown as MetricReader;
    } else {
      reader = new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({
          url: output.endpoint,
          headers: output.headers ?? {},
          temporalityPreference: AggregationTemporality.CUMULATIVE,
        }),
        exportIntervalMillis: output.exportIntervalMs ?? 1000,
        exportTimeoutMillis: Math.min(output.exportIntervalMs ?? 1000, 5000),
      });
    }
    const provider = new MeterProvider({ resource: resourceFromAttributes(processResource(version)), readers: [reader] });
    const meter = provider.getMeter(SCOPE_NAME, version);
    const counters = {} as Record<InstrumentKey, Counter>;
    for (const key of INSTRUMENT_KEYS) {
      const def = INSTRUMENTS[key];
      counters[key] = meter.createCounter(exporterInstrumentName(key, spelling), {
        description: def.description,
        ...(def.unit ? { unit: def.unit } : {}),
      });
    }
    const proc = new SimProcess(run, output, provider, counters);
    counters.session.add(1, { ...proc.common(), start_type: run.startType });
    return proc;
  }

  /** Claude Code's per-series attributes, in its order (user_id, session_id, terminal_type), then the run's own. */
  private common(): Attributes {
    return { user_id: this.run.userId, session_id: this.run.sessionId, terminal_type: this.run.terminalType, ...this.run.attributes };
  }

  /** Applies one usage step, as Claude Code would record it after an API call / tool use. */
  apply(step: UsageStep): void {
    const c = this.counters;
    const base = this.common();
    const model = step.model ?? this.run.model;
    const api = { ...base, model, query_source: step.querySource ?? this.run.querySource, effort: step.effort ?? this.run.effort };
    if (step.costUsd !== undefined) c.cost.add(step.costUsd, api);
    if (step.tokens) {
      for (const type of TOKEN_TYPES) {
        const n = step.tokens[type];
        if (n !== undefined) c.token.add(n, { ...api, type });
      }
    }
    // Claude Code records both types after an edit (removed=0 appears in the real scrape).
    if (step.linesAdded !== undefined || step.linesRemoved !== undefined) {
      c.linesOfCode.add(step.linesAdded ?? 0, { ...base, type: 'added', model });
      c.linesOfCode.add(step.linesRemoved ?? 0, { ...base, type: 'removed', model });
    }
    if (step.commits) c.commit.add(step.commits, base);
    if (step.pullRequests) c.pullRequest.add(step.pullRequests, base);
    if (step.activeTime?.user !== undefined) c.activeTime.add(step.activeTime.user, { ...base, type: 'user' });
    if (step.activeTime?.cli !== undefined) c.activeTime.add(step.activeTime.cli, { ...base, type: 'cli' });
    for (const d of step.editDecisions ?? []) {
      c.codeEditDecision.add(d.count, { ...base, decision: d.decision, source: d.source, tool_name: d.toolName, language: d.language });
    }
  }

  /**
   * Ends the process. OTLP: the reader's shutdown makes one final export (as Claude Code flushes
   * on exit). Prometheus: the port is freed.
   */
  async stop(): Promise<void> {
    await this.provider.shutdown();
  }
}
