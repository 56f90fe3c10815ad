/**
 * Where things are sent, derived once from the settings (no dependencies: the hot path uses it too).
 * The OTLP metrics endpoint is ONE setting: Claude Code pushes there (`ccmon env` writes it as
 * OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) and so does ccmon's own status line and hook, so the two can
 * never point at different places. Unset, it is the stack Prometheus's OTLP receiver.
 */
import { joinUrl } from './base-url.js';

export interface EndpointSettings {
  prometheusUrl: string;
  otlpMetricsUrl?: string | null | undefined;
}

export function otlpMetricsEndpoint(settings: EndpointSettings): string {
  return settings.otlpMetricsUrl ?? joinUrl(settings.prometheusUrl, '/api/v1/otlp/v1/metrics');
}
