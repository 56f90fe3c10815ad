/**
 * The environment variables that override the settings file (flags > environment > file > defaults),
 * listed once for the full resolver (resolve.ts) and the hot path (hot-settings.ts).
 */
export const settingsEnvKeys = {
  prometheusUrl: 'CCMON_PROMETHEUS_URL',
  grafanaUrl: 'CCMON_GRAFANA_URL',
  lokiUrl: 'CCMON_LOKI_URL',
  exporterUrl: 'CCMON_EXPORTER_URL',
  otlpMetricsUrl: 'CCMON_OTLP_METRICS_URL',
} as const;

/** Sent on every read and push to the backend (`Authorization: Bearer …`); never written anywhere. */
export const bearerTokenEnvKey = 'CCMON_BEARER_TOKEN';
