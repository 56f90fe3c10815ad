/**
 * `npm run bench -- forecast`: the pace methods against replayed plan-window traces with known outcomes
 * (test/support/plan-traces.ts). For each pattern and window (5 hours, 7 days), 40 traces, forecasts
 * taken every 10% of the window from 20% on. Prints the mean absolute error of the projected percentage
 * at reset (points), and of the time the limit is reached where it is (minutes), per method.
 */
import { paceMethods, type PaceInput, type PaceMethod } from '../../electron/core/plan/forecast.js';
import { planTrace, tracePatterns, type PlanTrace } from '../../test/support/plan-traces.js';

const minute = 60_000;
const methods = Object.keys(paceMethods) as PaceMethod[];

function inputAt(trace: PlanTrace, m: number, recentMinutes: number): PaceInput | null {
  const reports = trace.reports.filter(([t]) => t <= m);
  const last = reports.at(-1);
  if (!last || last[1] >= 100) return null;
  const cost = (at: number): number => (at <= 0 ? 0 : trace.cumulativeUsd[Math.min(at, trace.windowMinutes) - 1]!);
  return {
    now: m * minute,
    windowStart: 0,
    resetsAt: trace.windowMinutes * minute,
    usedPercent: last[1],
    reports: reports.map(([t, p]) => [t * minute, p] as const),
    costSinceStartUsd: cost(m),
    costRecentUsd: cost(m) - cost(m - recentMinutes),
    recentMs: recentMinutes * minute,
  };
}

export interface ForecastFigures {
  rows: Array<{ window: string; pattern: string; method: PaceMethod; percentMae: number; limitMaeMinutes: number | null }>;
  overall: Record<string, Record<PaceMethod, { percentMae: number; limitMaeMinutes: number | null }>>;
}

export function measureForecast(tracesPerPattern = 40): ForecastFigures {
  const rows: ForecastFigures['rows'] = [];
  const overall: ForecastFigures['overall'] = {};
  for (const [window, length, recent] of [['5h', 300, 60], ['7d', 7 * 24 * 60, 24 * 60]] as const) {
    const all: Record<PaceMethod, { pct: number[]; lim: number[] }> = Object.fromEntries(methods.map((m) => [m, { pct: [], lim: [] }])) as never;
    for (const pattern of tracePatterns) {
      const per: Record<PaceMethod, { pct: number[]; lim: number[] }> = Object.fromEntries(methods.map((m) => [m, { pct: [], lim: [] }])) as never;
      for (let seed = 1; seed <= tracesPerPattern; seed++) {
        const trace = planTrace(pattern, seed * 7919 + length, length);
        for (let f = 0.2; f < 0.95; f += 0.1) {
          const m = Math.round(f * length);
          const input = inputAt(trace, m, recent);
          if (!input) continue;
          for (const method of methods) {
            const p = paceMethods[method](input);
            per[method].pct.push(Math.abs(p.projectedPercentAtReset - trace.finalPercent));
            if (trace.limitMinute !== null && trace.limitMinute > m) {
              const predicted = p.limitAt === null ? length : p.limitAt / minute;
              per[method].lim.push(Math.abs(predicted - trace.limitMinute));
            }
          }
        }
      }
      for (const method of methods) {
        all[method].pct.push(...per[method].pct);
        all[method].lim.push(...per[method].lim);
        rows.push({ window, pattern, method, percentMae: mean(per[method].pct), limitMaeMinutes: per[method].lim.length ? mean(per[method].lim) : null });
      }
    }
    overall[window] = Object.fromEntries(methods.map((m) => [m, { percentMae: mean(all[m].pct), limitMaeMinutes: all[m].lim.length ? mean(all[m].lim) : null }])) as never;
  }
  return { rows, overall };
}

const mean = (xs: number[]): number => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : NaN);

export function printForecast(): void {
  const figures = measureForecast();
  console.log('Pace forecast against replayed traces (mean absolute error; percent points at reset, minutes to the limit)\n');
  console.log(`${'window'.padEnd(7)}${'pattern'.padEnd(13)}${methods.map((m) => m.padStart(24)).join('')}`);
  for (const window of ['5h', '7d']) {
    for (const pattern of tracePatterns) {
      const cells = methods.map((method) => {
        const r = figures.rows.find((x) => x.window === window && x.pattern === pattern && x.method === method)!;
        return `${r.percentMae.toFixed(1)} pt / ${r.limitMaeMinutes === null ? '–' : `${r.limitMaeMinutes.toFixed(0)} min`}`.padStart(24);
      });
      console.log(`${window.padEnd(7)}${pattern.padEnd(13)}${cells.join('')}`);
    }
    const cells = methods.map((m) => `${figures.overall[window]![m].percentMae.toFixed(1)} pt / ${figures.overall[window]![m].limitMaeMinutes?.toFixed(0) ?? '–'} min`.padStart(24));
    console.log(`${window.padEnd(7)}${'ALL'.padEnd(13)}${cells.join('')}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printForecast();
