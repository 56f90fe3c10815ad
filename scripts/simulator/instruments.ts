/**
 * Claude Code's metric instruments, exactly as the real CLI (2.1.197) declares them:
 * OTel name, unit and description (see ../../shared/telemetry/TELEMETRY.md and the real
 * scrape sample). Pure data plus the name mapping for the two metric spellings.
 */

export type InstrumentKey =
  | 'session'
  | 'cost'
  | 'token'
  | 'activeTime'
  | 'linesOfCode'
  | 'commit'
  | 'pullRequest'
  | 'codeEditDecision';

export interface InstrumentDef {
  /** The OTel instrument name Claude Code uses. */
  otelName: string;
  /** The OTel unit ('' when Claude Code declares none). */
  unit: string;
  description: string;
  /** Base name on Claude Code's own Prometheus exporter (:9464), without `_total`. */
  plainBase: string;
  /** Base name as Prometheus's OTLP receiver spells it (unit appended), without `_total`. */
  unitBase: string;
}

// Declaration order = exposition order; this is the order of the real :9464 scrape.
export const INSTRUMENTS: Record<InstrumentKey, InstrumentDef> = {
  session: {
    otelName: 'claude_code.session.count',
    unit: '',
    description: 'Count of CLI sessions started',
    plainBase: 'claude_code_session_count',
    unitBase: 'claude_code_session_count',
  },
  linesOfCode: {
    otelName: 'claude_code.lines_of_code.count',
    unit: '',
    description:
      "Count of lines of code modified, with the 'type' attribute indicating whether lines were added or removed and the 'model' attribute indicating which model made the change",
    plainBase: 'claude_code_lines_of_code_count',
    unitBase: 'claude_code_lines_of_code_count',
  },
  pullRequest: {
    otelName: 'claude_code.pull_request.count',
    unit: '',
    description: 'Number of pull requests created',
    plainBase: 'claude_code_pull_request_count',
    unitBase: 'claude_code_pull_request_count',
  },
  commit: {
    otelName: 'claude_code.commit.count',
    unit: '',
    description: 'Number of git commits created',
    plainBase: 'claude_code_commit_count',
    unitBase: 'claude_code_commit_count',
  },
  cost: {
    otelName: 'claude_code.cost.usage',
    unit: 'USD',
    description: 'Cost of the Claude Code session',
    plainBase: 'claude_code_cost_usage',
    unitBase: 'claude_code_cost_usage_USD',
  },
  token: {
    otelName: 'claude_code.token.usage',
    unit: 'tokens',
    description: 'Number of tokens used',
    plainBase: 'claude_code_token_usage',
    unitBase: 'claude_code_token_usage_tokens',
  },
  codeEditDecision: {
    otelName: 'claude_code.code_edit_tool.decision',
    unit: '',
    description: 'Count of code editing tool permission decisions (accept/reject) for Edit, Write, and NotebookEdit tools',
    plainBase: 'claude_code_code_edit_tool_decision',
    unitBase: 'claude_code_code_edit_tool_decision',
  },
  activeTime: {
    otelName: 'claude_code.active_time.total',
    unit: 's',
    description: 'Total active time in seconds',
    plainBase: 'claude_code_active_time',
    unitBase: 'claude_code_active_time_seconds',
  },
};

export const INSTRUMENT_KEYS = Object.keys(INSTRUMENTS) as InstrumentKey[];

/**
 * `plain`: names as on Claude Code's :9464 exporter (claude_code_cost_usage_total).
 * `unit`: names as Prometheus's OTLP receiver writes them (claude_code_cost_usage_USD_total).
 */
export type Spelling = 'plain' | 'unit';

export const SPELLINGS: readonly Spelling[] = ['plain', 'unit'];

/** The Prometheus series name (with `_total`) of an instrument under a spelling. */
export function promName(key: InstrumentKey, spelling: Spelling): string {
  const def = INSTRUMENTS[key];
  return `${spelling === 'unit' ? def.unitBase : def.plainBase}_total`;
}

/**
 * The OTel instrument name to register so that the JS Prometheus exporter exposes `promName`.
 * The exporter only swaps `.` for `_` and appends `_total`; it never appends units. Under `unit`
 * spelling we therefore bake the unit suffix into the instrument name. OTLP push must always use
 * the real OTel names: there the receiver decides the spelling.
 */
export function exporterInstrumentName(key: InstrumentKey, spelling: Spelling): string {
  const def = INSTRUMENTS[key];
  return spelling === 'plain' || def.unitBase === def.plainBase ? def.otelName : def.unitBase;
}

/** The OTel instrumentation scope Claude Code uses (becomes the `otel_scope_name` label). */
export const SCOPE_NAME = 'com.anthropic.claude_code';
export const DEFAULT_CLAUDE_VERSION = '2.1.197';
