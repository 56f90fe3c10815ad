/**
 * What a backend's settings may hold, defined once for the settings schema (zod), the window's form
 * and the CLI. No dependencies: the renderer and the hot path import it.
 */

/** Where the local stack's Prometheus answers (the default query URL). */
export const localPrometheusUrl = 'http://127.0.0.1:9090';

export interface PairRule {
  name: RegExp;
  nameRule: string;
  value: RegExp;
  valueRule: string;
  maxValue: number;
}

/** Headers sent with every read and push. No commas: Claude Code reads OTEL_EXPORTER_OTLP_HEADERS split at commas. */
export const headerRule: PairRule = { name: /^[A-Za-z0-9-]+$/, nameRule: 'letters, digits and - only', value: /^[\x20-\x2b\x2d-\x7e]*$/, valueRule: 'printable ASCII without commas', maxValue: 1024 };

/** Resource attributes added to OTEL_RESOURCE_ATTRIBUTES. */
export const attributeRule: PairRule = { name: /^[A-Za-z0-9_.-]+$/, nameRule: 'letters, digits and . _ - only', value: /^[A-Za-z0-9_.@:/+-]*$/, valueRule: 'letters, digits and . _ @ : / + - only', maxValue: 256 };
