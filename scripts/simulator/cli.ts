/**
 * Telemetry simulator CLI: plays a scenario as real Claude Code processes would emit it.
 *
 *   npm run simulate -- --scenario demo                      # Prometheus exporter on 127.0.0.1:9464 (+1 per extra concurrent session)
 *   npm run simulate -- --scenario concurrent --port 19464 --speed 30
 *   npm run simulate -- --scenario demo --mode otlp --otlp-endpoint http://127.0.0.1:9090/api/v1/otlp/v1/metrics
 *   npm run simulate -- --scenario counter-reset --print-totals   # known totals JSON, runs nothing
 *   npm run simulate -- --scenario my-scenario.json --spelling unit
 *   npm run simulate -- --backfill /tmp/history/ --days 90 --sessions-per-day 30   # one OpenMetrics file per day (a dir), for
 *       promtool tsdb create-blocks-from openmetrics FILE DATA_DIR   (run it once per file, same DATA_DIR)
 *
 * Progress goes to stderr; --print-totals writes one JSON document to stdout.
 */
import { Command, Option } from 'commander';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { backfillTotals, writeOpenMetrics, writeOpenMetricsFiles, type BackfillOptions } from './backfill.js';
import { SPELLINGS, type Spelling } from './instruments.js';
import { DEFAULT_LINGER_MS, planRun } from './plan.js';
import { startScenario, type RunEvent, type RunOutput } from './runner.js';
import { loadScenarioFile, scenarioLength, type Scenario } from './scenario.js';
import { SCENARIO_NAMES, namedScenario } from './scenarios/index.js';
import { scenarioTotals } from './totals.js';

interface CliOptions {
  scenario: string;
  port: number;
  host: string;
  mode: 'prometheus' | 'otlp';
  otlpEndpoint?: string;
  spelling: Spelling;
  speed: number;
  lingerMs: number;
  printTotals?: boolean;
  list?: boolean;
  quiet?: boolean;
  backfill?: string;
  days: number;
  sessionsPerDay: number;
  end?: string;
  sampleInterval: number;
}

function num(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${v}")`);
    return n;
  };
}

async function resolveScenario(arg: string): Promise<Scenario> {
  return arg.endsWith('.json') ? loadScenarioFile(arg) : namedScenario(arg);
}

function describe(e: RunEvent, t0: number): string {
  const t = ((e.at - t0) / 1000).toFixed(1).padStart(6);
  switch (e.type) {
    case 'process-start':
      return `${t}s  start  ${e.sessionId}${e.port ? ` on :${e.port}` : ''}`;
    case 'step':
      return `${t}s  step   ${e.sessionId} #${e.step + 1}`;
    case 'process-end':
      return `${t}s  exit   ${e.sessionId}`;
    case 'error':
      return `${t}s  ERROR  ${e.sessionId}: ${e.error.message}`;
  }
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('simulate')
    .description("Emit Claude Code's OpenTelemetry metrics for a scripted scenario")
    .option('--scenario <name|file.json>', `named scenario (${SCENARIO_NAMES.join(', ')}) or a JSON file`, 'demo')
    .addOption(new Option('--mode <mode>', 'export path').choices(['prometheus', 'otlp']).default('prometheus'))
    .option('--port <n>', 'first exporter port (prometheus mode); concurrent sessions use port+1, port+2, ...', num('port'), 9464)
    .option('--host <addr>', 'exporter bind address (prometheus mode)', '127.0.0.1')
    .option('--otlp-endpoint <url>', 'OTLP http/protobuf metrics URL (otlp mode), e.g. http://127.0.0.1:9090/api/v1/otlp/v1/metrics')
    .addOption(new Option('--spelling <s>', 'metric names on the exporter: plain (as :9464) or unit (as the OTLP receiver)').choices([...SPELLINGS]).default('plain'))
    .option('--speed <x>', 'scenario seconds per real second', num('speed'), 1)
    .option('--linger-ms <ms>', 'keep each process alive this long after its last step', num('linger-ms'), DEFAULT_LINGER_MS)
    .option('--print-totals', "print the scenario's known totals (ccmon summary shape) as JSON and exit")
    .option('--list', 'list the named scenarios and exit')
    .option('--backfill <path>', 'write N days of history as OpenMetrics for promtool (a dir/ or existing dir: one file per day), print the known totals as JSON, and exit')
    .option('--days <n>', 'backfill: days of history', num('days'), 90)
    .option('--sessions-per-day <n>', 'backfill: sessions per day', num('sessions-per-day'), 30)
    .option('--end <iso>', 'backfill: end of the history (default: now, to the minute)')
    .option('--sample-interval <s>', 'backfill: seconds between samples', num('sample-interval'), 60)
    .option('--quiet', 'no progress lines')
    .showHelpAfterError();
  program.parse(argv);
  const o = program.opts<CliOptions>();

  if (o.list) {
    for (const name of SCENARIO_NAMES) process.stdout.write(`${name.padEnd(16)} ${namedScenario(name).description}\n`);
    return;
  }
  if (o.backfill) {
    const endMs = o.end ? Date.parse(o.end) : Math.floor(Date.now() / 60000) * 60000;
    if (Number.isNaN(endMs)) throw new Error(`--end must be an ISO date (got "${o.end}")`);
    const opts: BackfillOptions = { days: Math.floor(o.days), sessionsPerDay: Math.floor(o.sessionsPerDay), endMs, spelling: o.spelling, sampleIntervalSec: o.sampleInterval };
    const asDir = o.backfill.endsWith('/') || (existsSync(o.backfill) && statSync(o.backfill).isDirectory());
    if (asDir) mkdirSync(o.backfill, { recursive: true });
    const files = asDir ? await writeOpenMetricsFiles(o.backfill, opts) : [await writeOpenMetrics(o.backfill, opts)];
    const doc = {
      files: files.map((f) => f.file),
      lines: files.reduce((n, f) => n + f.lines, 0),
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      minTime: new Date(files[0]!.minTimeMs).toISOString(),
      maxTime: new Date(files[files.length - 1]!.maxTimeMs).toISOString(),
      options: opts,
      totals: backfillTotals(opts),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const scenario = await resolveScenario(o.scenario);
  if (o.printTotals) {
    process.stdout.write(`${JSON.stringify(scenarioTotals(scenario), null, 2)}\n`);
    return;
  }
  if (o.mode === 'otlp' && !o.otlpEndpoint) throw new Error('--mode otlp needs --otlp-endpoint (e.g. http://127.0.0.1:9090/api/v1/otlp/v1/metrics)');
  if (o.mode === 'otlp' && o.spelling !== 'plain') process.stderr.write('note: --spelling has no effect in otlp mode; the receiver names the metrics\n');
  const output: RunOutput =
    o.mode === 'otlp' ? { mode: 'otlp', endpoint: o.otlpEndpoint! } : { mode: 'prometheus', host: o.host, basePort: o.port, spelling: o.spelling };
  const plan = planRun(scenario, o.speed, o.lingerMs);
  process.stderr.write(
    `scenario ${scenario.name}: ${scenario.sessions.length} process(es), ${scenarioLength(scenario)}s of scenario time, ~${(plan.totalMs / 1000).toFixed(1)}s real` +
      (o.mode === 'prometheus' ? `, ports ${o.host}:${o.port}..${o.port + plan.slots - 1}\n` : `, pushing to ${o.otlpEndpoint}\n`),
  );
  const t0 = Date.now();
  const sim = await startScenario(scenario, {
    output,
    speed: o.speed,
    lingerMs: o.lingerMs,
    ...(o.quiet ? {} : { onEvent: (e: RunEvent) => process.stderr.write(`${describe(e, t0)}\n`) }),
  });
  const onSignal = (): void => {
    void sim.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await sim.done;
  const totals = scenarioTotals(scenario);
  process.stderr.write(`done: $${totals.costUsd.toFixed(4)} across ${totals.sessions} session(s)\n`);
}

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`simulate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
