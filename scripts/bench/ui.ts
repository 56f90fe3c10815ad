/**
 * `npm run bench:ui`: the dashboard's weight and speed.
 *
 * 1. Initial JS: every script the built index.html loads up front (module entry + modulepreloads),
 *    gzip -9, summed. Target ≤ 300 KB.
 * 2. Time to first render with data: Chromium opens `ccmon web` (backed by a real Prometheus with
 *    the e2e data: simulator sessions + history); measured from navigation start to the moment the
 *    cost widget shows a dollar value, and to the moment the cost chart has drawn its bars.
 *    Fresh browser context (cold cache) per run; the median of the runs. Target ≤ 500 ms.
 *
 * Writes artifacts/bench/ui.json and prints a table. Exits 1 when a target is missed.
 */
import { readFileSync, statSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { startBackend, ROOT } from '../../test/support/web/backend.js';
import { launchChromium, sizes } from '../../test/support/web/browser.js';

const dist = join(ROOT, 'dist', 'renderer');
const runs = Number(process.env.BENCH_UI_RUNS ?? 7);
const targets = { initialJsGzipKb: 300, firstDataMs: 500 };

interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function initialAssets(): { js: AssetSize[]; css: AssetSize[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  const size = (rel: string): AssetSize => {
    const file = join(dist, rel.replace(/^\.\//, ''));
    const buf = readFileSync(file);
    return { file: rel, bytes: statSync(file).size, gzipBytes: gzipSync(buf, { level: 9 }).length };
  };
  return { js: [...new Set(scripts)].map(size), css: [...new Set(styles)].map(size) };
}

interface Marks {
  __firstData?: number;
  __chart?: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build first: npm run build');
  const assets = initialAssets();
  const jsGzip = assets.js.reduce((a, s) => a + s.gzipBytes, 0);
  const jsRaw = assets.js.reduce((a, s) => a + s.bytes, 0);
  const cssGzip = assets.css.reduce((a, s) => a + s.gzipBytes, 0);

  process.stderr.write('starting Prometheus, the simulator and ccmon web…\n');
  const backend = await startBackend({ refreshIntervalSeconds: 30 });
  const browser = await launchChromium();
  const samples: { firstDataMs: number; chartMs: number; fcpMs: number; scriptEndMs: number; summaryStartMs: number; summaryEndMs: number }[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ viewport: sizes.popover, colorScheme: 'light' });
      const page = await context.newPage();
      // A string, not a function: tsx's transpiled functions reference helpers the page lacks.
      await page.addInitScript(`
        (() => {
          const check = () => {
            const el = document.querySelector('[data-testid="cost-today"]');
            if (window.__firstData === undefined && el && el.textContent.includes('$')) window.__firstData = performance.now();
            if (window.__chart === undefined && document.querySelector('[data-testid="cost-chart"] .recharts-bar-rectangle')) window.__chart = performance.now();
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
        })();
      `);
      await page.goto(`${backend.webUrl}/`);
      // Functions (not strings: the page's CSP forbids eval), with no named inner declarations.
      await page.waitForFunction(() => (globalThis as unknown as Marks).__firstData !== undefined && (globalThis as unknown as Marks).__chart !== undefined, undefined, { timeout: 20000 });
      const m = await page.evaluate(() => ({
        firstDataMs: (globalThis as unknown as Marks).__firstData!,
        chartMs: (globalThis as unknown as Marks).__chart!,
        fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        // Where the time goes: the entry script arriving, and the summary call's round trip.
        scriptEndMs: (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).find((e) => /\/assets\/index-.*\.js$/.test(e.name))?.responseEnd ?? NaN,
        summaryStartMs: (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).find((e) => e.name.endsWith('/api/getSummary'))?.startTime ?? NaN,
        summaryEndMs: (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).find((e) => e.name.endsWith('/api/getSummary'))?.responseEnd ?? NaN,
      }));
      // The first run warms the server and Prometheus's caches; it is not counted.
      if (i > 0) samples.push(m);
      await context.close();
    }
  } finally {
    await browser.close();
    await backend.close();
  }

  const result = {
    date: new Date().toISOString(),
    initialJs: { files: assets.js, bytes: jsRaw, gzipBytes: jsGzip, gzipKb: +(jsGzip / 1024).toFixed(1) },
    initialCss: { files: assets.css, gzipBytes: cssGzip, gzipKb: +(cssGzip / 1024).toFixed(1) },
    firstRender: {
      runs: samples.length,
      viewport: sizes.popover,
      medianFirstDataMs: Math.round(median(samples.map((s) => s.firstDataMs))),
      maxFirstDataMs: Math.round(Math.max(...samples.map((s) => s.firstDataMs))),
      medianChartMs: Math.round(median(samples.map((s) => s.chartMs))),
      medianFcpMs: Math.round(median(samples.map((s) => s.fcpMs))),
      medianScriptEndMs: Math.round(median(samples.map((s) => s.scriptEndMs))),
      medianSummaryStartMs: Math.round(median(samples.map((s) => s.summaryStartMs))),
      medianSummaryEndMs: Math.round(median(samples.map((s) => s.summaryEndMs))),
      loadAverage: loadavg().map((n) => +n.toFixed(2)),
      cpus: cpus().length,
      samples,
    },
    targets,
  };
  mkdirSync(join(ROOT, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'artifacts', 'bench', 'ui.json'), `${JSON.stringify(result, null, 2)}\n`);

  const ok = (v: number, t: number): string => (v <= t ? 'ok' : 'MISSED');
  const lines = [
    `initial JS            ${(jsRaw / 1024).toFixed(1)} KB raw, ${result.initialJs.gzipKb} KB gzip   (target ≤ ${targets.initialJsGzipKb} KB gzip: ${ok(result.initialJs.gzipKb, targets.initialJsGzipKb)})`,
    `initial CSS           ${result.initialCss.gzipKb} KB gzip`,
    `first paint (FCP)     ${result.firstRender.medianFcpMs} ms median`,
    `first render w/ data  ${result.firstRender.medianFirstDataMs} ms median, ${result.firstRender.maxFirstDataMs} ms max over ${samples.length} cold loads   (target ≤ ${targets.firstDataMs} ms: ${ok(result.firstRender.medianFirstDataMs, targets.firstDataMs)})`,
    `  of which            entry script loaded at ${result.firstRender.medianScriptEndMs} ms, summary requested at ${result.firstRender.medianSummaryStartMs} ms, answered at ${result.firstRender.medianSummaryEndMs} ms`,
    `cost chart drawn      ${result.firstRender.medianChartMs} ms median`,
    `machine               ${result.firstRender.cpus} CPUs, load average ${result.firstRender.loadAverage.join(' ')}`,
    `(artifacts/bench/ui.json)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (result.initialJs.gzipKb > targets.initialJsGzipKb || result.firstRender.medianFirstDataMs > targets.firstDataMs) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:ui: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
