import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import type { ExporterSession } from '../api/types.js';
import { claudeMetrics } from '../telemetry/metrics.js';
import { printable } from '../format/printable.js';

export interface ExporterContents {
  sessions: ExporterSession[];
  version: string | null;
}

/** Thrown when the exporter's answer is not Prometheus text format. */
export class MalformedExpositionError extends Error {
  constructor(detail: string) {
    super(`the answer is not Prometheus text format (${detail})`);
    this.name = 'MalformedExpositionError';
  }
}

const costNames = new Set<string>(claudeMetrics.cost);
const sessionNames = new Set<string>([...claudeMetrics.sessionCount, ...claudeMetrics.cost, ...claudeMetrics.tokens, ...claudeMetrics.activeTime]);

/** The sessions a Claude Code exporter exposes with their cost so far, and the Claude Code version. Pure. */
export function parseExporterText(text: string): ExporterContents {
  // The OTel exporter writes OpenMetrics-style `# UNIT` lines; drop them (the parser predates them).
  const body = text.replace(/^# UNIT .*$/gm, '').replace(/^# EOF\s*$/m, '');
  checkLines(body);
  let families: ParsedFamily[];
  try {
    // The parser drops a last line that has no newline; the format allows it.
    families = parsePrometheusTextFormat(body.endsWith('\n') ? body : `${body}\n`);
  } catch (err) {
    throw new MalformedExpositionError(printable((err as Error).message, 120));
  }
  for (const family of families) validateFamily(family);
  const costs = new Map<string, number>();
  let version: string | null = null;
  for (const family of families) {
    for (const sample of family.metrics) {
      const labels = sample.labels ?? {};
      if (family.name === 'target_info' && labels.service_version) version ??= labels.service_version;
      if (labels.otel_scope_name === 'com.anthropic.claude_code' && labels.otel_scope_version) version ??= labels.otel_scope_version;
      const sessionId = labels.session_id;
      if (!sessionId || !sessionNames.has(family.name)) continue;
      const value = Number(sample.value);
      costs.set(sessionId, (costs.get(sessionId) ?? 0) + (costNames.has(family.name) ? value : 0));
    }
  }
  const sessions = [...costs].map(([sessionId, costUsd]) => ({ sessionId, costUsd: Math.round(costUsd * 1e9) / 1e9 }));
  return { sessions: sessions.sort((a, b) => a.sessionId.localeCompare(b.sessionId)), version };
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const sampleLine = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:\s*[a-zA-Z_][a-zA-Z0-9_]*\s*=\s*"(?:[^"\\\n]|\\.)*"\s*,?)*\s*\})?[ \t]+\S+(?:[ \t]+-?\d+)?[ \t]*$/;

/**
 * The parser skips lines it doesn't understand (a JSON or HTML answer parses as "no metrics"): every
 * line that is not blank or a comment must be a sample.
 */
function checkLines(body: string): void {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!sampleLine.test(line)) throw new MalformedExpositionError(`line ${i + 1}, "${printable(line, 60)}", is not a sample`);
  }
}
const sampleValue = /^[+-]?(?:Inf|NaN|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/** The parser is lenient (it reads "hello, world" as a metric); hold every family to the format's grammar. */
function validateFamily(family: ParsedFamily): void {
  if (!metricName.test(family.name)) throw new MalformedExpositionError(`"${printable(family.name, 40)}" is not a metric name`);
  for (const sample of family.metrics) {
    for (const v of [sample.value, sample.count, sample.sum, ...Object.values(sample.buckets ?? {}), ...Object.values(sample.quantiles ?? {})]) {
      if (v !== undefined && !sampleValue.test(v)) throw new MalformedExpositionError(`${family.name} has a non-numeric value "${printable(String(v), 40)}"`);
    }
  }
}
