/**
 * `npm run bench -- <name>`: runs one benchmark and prints its figures. Each bench says what it measures
 * and against what; none of them asserts a timer (tests stay deterministic).
 */
const benches: Record<string, { what: string; run: () => Promise<unknown> }> = {
  summary: { what: 'the summary against naive queries over 90 days of history (Prometheus)', run: () => import('./summary.js') },
  team: { what: "a team's VictoriaMetrics (20 people x 30 sessions a day x 90 days): the tray's refresh and a full team summary against naive queries, memory", run: () => import('./team.js') },
  statusline: { what: "the status line and hook as Claude Code runs them, beside ccusage's and node -e 0", run: async () => console.log(await (await import('./statusline.js')).benchStatusline()) },
  forecast: { what: 'the pace methods against replayed plan-window traces', run: () => import('./forecast.js').then((m) => m.printForecast()) },
  ui: { what: 'initial JS and time to first render with data', run: () => import('./ui.js') },
  stack: { what: 'stack up/down times against a real Docker engine', run: () => import('./stack.js') },
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  for (const [n, b] of Object.entries(benches)) console.error(`  ${n.padEnd(11)} ${b.what}`);
  process.exit(2);
}
await bench.run();
