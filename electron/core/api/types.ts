/** Data shapes shared by the core, the three hosts (IPC, HTTP, CLI) and the renderer. JSON-safe only. */
import type { ChartRange, Scope, ServiceName, TelemetryMode } from './domain.js';

export type { ChartRange, Scope, ServiceName, Shell, TelemetryMode } from './domain.js';

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export interface ModelUsage {
  model: string;
  costUsd: number;
  tokens: TokenCounts;
}

export interface TimeWindow {
  since: string;
  until: string;
}

export interface PlanWindowView {
  usedPercent: number;
  /** ISO; in the past when the window has reset since the last report (usage is then 0). */
  resetsAt: string;
  observedAt: string;
  projectedPercentAtReset: number;
  /** When the window reaches 100% at the current pace, if before the reset. */
  limitAt: string | null;
}

export interface PlanLimitsView {
  fiveHour: PlanWindowView | null;
  sevenDay: PlanWindowView | null;
}

export interface BudgetPace {
  /** Cost of the last hour. */
  usdPerHour: number;
  /** Today so far plus the last hour's rate until midnight. */
  projectedTodayUsd: number;
  /** The month so far plus its daily average for the days left. */
  projectedMonthUsd: number;
}

export interface PlanLimits extends PlanLimitsView {
  asOf: string;
  budget: BudgetPace;
}

/** One session's part of a window: its cost and tokens per model, and the labels that say whose and where. */
export interface SessionUsage {
  sessionId: string;
  /** user_email, user_account_uuid, user_id, host_name, where the session's series carry them. */
  labels: Record<string, string>;
  costUsd: number;
  tokens: TokenCounts;
  byModel: ModelUsage[];
}

/** What Claude Code's counters say about a window (the summary without the plan limits). */
export interface UsageSummary {
  asOf: string;
  window: TimeWindow;
  costUsd: number;
  tokens: TokenCounts;
  sessions: number;
  byModel: ModelUsage[];
  /** Every session active in the window (the rows add up to costUsd and tokens). */
  bySession: SessionUsage[];
  linesOfCode: { added: number; removed: number };
  commits: number;
  pullRequests: number;
  activeTimeSeconds: { user: number; cli: number };
  periods: { today: number; last7Days: number; last30Days: number };
}

/** A part of a window's usage (a project, a person, a machine); the parts of one kind add up to the total. */
export interface GroupUsage {
  costUsd: number;
  tokens: TokenCounts;
  sessions: number;
}
export interface ProjectUsage extends GroupUsage {
  /** The git repository's name (or the folder's), as the hooks recorded it; `(unattributed)` without a record. */
  project: string;
}
export interface UserUsage extends GroupUsage {
  /** user_email, else user_account_uuid, else user_id. */
  user: string;
}
export interface MachineUsage extends GroupUsage {
  /** host.name from OTEL_RESOURCE_ATTRIBUTES; `(unknown)` where the sessions did not report one. */
  machine: string;
}

/** `ccmon summary --json`, field for field as DESIGN.md specifies. */
export interface Summary extends Omit<UsageSummary, 'bySession'> {
  byProject: ProjectUsage[];
  byUser: UserUsage[];
  byMachine: MachineUsage[];
  /** The plan limits Claude Code reported (subscribers; both null otherwise), with their pace. */
  planLimits: PlanLimitsView;
}

/** `ccmon sessions --json`: one session of a window. */
export interface SessionView {
  sessionId: string;
  project: string;
  branch: string;
  worktree: string;
  repo: string;
  user: string;
  machine: string;
  models: string[];
  costUsd: number;
  tokens: TokenCounts;
  /** First and last sample of the session in the window, ISO (to the step the backend was asked at). */
  startedAt: string | null;
  lastSeenAt: string | null;
  /** Samples in the last two minutes, or the exporter lists it. */
  live: boolean;
  /** The Grafana dashboard filtered to this session. */
  grafanaUrl: string;
}

export interface UsagePoint {
  /** Start of the bucket, epoch milliseconds. */
  t: number;
  costUsd: number;
  tokens: TokenCounts;
}

/** Cost and tokens per bucket over a range, for the charts. */
export interface UsageSeries {
  range: ChartRange;
  stepSeconds: number;
  points: UsagePoint[];
}

export interface ExporterSession {
  sessionId: string;
  costUsd: number;
}

/** `ccmon probe --json`. */
export interface ProbeResult {
  reachable: boolean;
  url: string;
  sessions: ExporterSession[];
  /** Claude Code's version from `target_info` / `otel_scope_version`, when exposed. */
  version: string | null;
  error: string | null;
  checkedAt: string;
}

export type ServiceState = 'missing' | 'created' | 'running' | 'restarting' | 'exited' | 'paused' | 'dead' | 'unknown';

export interface ServiceStatus {
  name: ServiceName;
  state: ServiceState;
  ready: boolean;
  url: string;
  error?: string;
  hint?: string;
}

export interface EngineStatus {
  reachable: boolean;
  socket: string | null;
  version: string | null;
  error: string | null;
  hint?: string;
}

/** `ccmon stack status --json`. */
export interface StackStatus {
  engine: EngineStatus;
  services: ServiceStatus[];
}

/** `ccmon stack purge --yes --json`: what was removed, and the stack afterwards. */
export interface PurgeResult {
  removed: { containers: string[]; volumes: string[]; networks: string[] };
  status: StackStatus;
}

export interface PullProgress {
  /** 0..1 over every layer of every image being pulled. */
  fraction: number;
  image: string;
  detail: string;
}

export interface DoctorCheck {
  id: string;
  ok: boolean;
  detail: string;
  hint?: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
}

/** Where the app's services are, for the renderer's links and the setup panel (issue 4). */
export interface AppInfo {
  prometheusUrl: string;
  grafanaUrl: string;
  lokiUrl: string;
  exporterUrl: string;
  telemetryMode: TelemetryMode;
  refreshIntervalSeconds: number;
  /** Claude Code's settings.json that "Apply" writes. */
  claudeSettingsFile: string;
  backend: BackendInfo;
}

/** Where the app reads (and Claude Code pushes): the local stack, or a shared backend. */
export interface BackendInfo {
  kind: 'local' | 'remote';
  /** A name to show: "Local stack", or the profile's name. */
  label: string;
  otlpMetricsUrl: string;
  /** Who "me" is on a shared backend (this machine's Claude Code identity), where known. */
  identity: string | null;
  /** The scope views open with: `me` on a shared backend, `all` (the same thing) locally. */
  defaultScope: Scope;
}

/** Grafana URLs for a chart range ("Open in Grafana" buttons). */
export interface GrafanaLinks {
  overview: string;
  cost: string;
  tokens: string;
  logs: string;
  /** The plan windows' utilization over time (5-hour, 7-day), for the window's plan limits. */
  planLimits: string;
}

/** Where a backend credential came from (its value is never shown). */
export type CredentialSource = 'environment' | 'secret store' | 'settings file (prometheusAuth)';

/** The backend as a person checks it (`ccmon backend`, Settings → Backend, the doctor). */
export interface BackendView {
  kind: 'local' | 'remote';
  name: string;
  queryUrl: string;
  otlpMetricsUrl: string;
  /** Where Claude Code's events go; null: none are sent. */
  eventsUrl: string | null;
  auth: 'none' | 'bearer' | 'basic';
  /** Whether a credential is there, and from where (its value is never shown). */
  credential: { set: boolean; source: CredentialSource | null };
  headers: Record<string, string>;
  caFile: string | null;
  /** What this machine's pushes say about it (host.name, team…). */
  resourceAttributes: Record<string, string>;
  /** Who "me" is on this backend (null on the local stack, or when Claude Code has no identity yet). */
  identity: { label: 'user_email' | 'user_account_uuid' | 'user_id'; value: string } | null;
  defaultScope: 'me' | 'all';
  /** Where this host keeps the secret: the OS keychain (tray) or a file only you can read. */
  secretStore: { kind: 'keychain' | 'file'; detail: string };
}
