/**
 * recharts is most of the bundle: it loads once the first numbers are on screen (so its parsing
 * never delays them); a skeleton holds each chart's place meanwhile.
 */
import { lazy } from 'react';

let charts: Promise<typeof import('./Charts.js')> | null = null;
const loadCharts = (): Promise<typeof import('./Charts.js')> => (charts ??= import('./Charts.js'));

export const CostChart = lazy(() => loadCharts().then((m) => ({ default: m.CostChart })));
export const TokensChart = lazy(() => loadCharts().then((m) => ({ default: m.TokensChart })));
