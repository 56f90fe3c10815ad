/**
 * A real Prometheus 3.5 scraping a fixed Claude Code-shaped exposition ($2.50 today, one session), for
 * tests that need real data behind the CLI without running a simulated session.
 */
import { serveText, type TestServer } from './http-server.js';
import { startPrometheus, type PrometheusHandle } from './prometheus.js';

export const fixtureCostUsd = 2.5;

export const fixtureExposition = [
  '# TYPE claude_code_cost_usage_total counter',
  'claude_code_cost_usage_total{session_id="fixture-1",user_id="u",model="claude-sonnet-4-6",query_source="main",terminal_type="xterm"} 2.5',
  '# TYPE claude_code_token_usage_total counter',
  'claude_code_token_usage_total{session_id="fixture-1",user_id="u",model="claude-sonnet-4-6",type="input",terminal_type="xterm"} 1200',
  'claude_code_token_usage_total{session_id="fixture-1",user_id="u",model="claude-sonnet-4-6",type="output",terminal_type="xterm"} 300',
  '# TYPE claude_code_session_count_total counter',
  'claude_code_session_count_total{session_id="fixture-1",user_id="u",start_type="fresh",terminal_type="xterm"} 1',
  '',
].join('\n');

export interface PrometheusWithData {
  prometheus: PrometheusHandle;
  exporter: TestServer;
  stop(): Promise<void>;
}

export async function prometheusWithFixture(): Promise<PrometheusWithData> {
  const exporter = await serveText(fixtureExposition);
  const prometheus = await startPrometheus({ targets: [`127.0.0.1:${exporter.port}`] });
  await prometheus.waitForScrape();
  await prometheus.waitForScrape();
  return { prometheus, exporter, stop: async () => void (await Promise.all([prometheus.stop(), exporter.close()])) };
}
