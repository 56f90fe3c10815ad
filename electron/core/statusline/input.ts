/**
 * What Claude Code passes a status line command on stdin (measured with 2.1.197; sample in
 * test/fixtures/claude-code-2.1.197-statusline-input.json), read defensively: any field may be
 * missing, null or of the wrong type, and a bad field costs only itself. Pure, no dependencies.
 */
export type PlanWindowName = 'five_hour' | 'seven_day';
export const planWindowNames: readonly PlanWindowName[] = ['five_hour', 'seven_day'];

export interface PlanWindowReport {
  /** 0–100, float noise rounded away (Claude Code sends 55.00000000000001). */
  usedPercent: number;
  /** Epoch seconds. */
  resetsAt: number;
}

export interface StatusInput {
  sessionId: string | null;
  model: { id: string | null; displayName: string | null };
  /** This session's running cost as Claude Code counts it. */
  sessionCostUsd: number | null;
  cwd: string | null;
  workspace: { currentDir: string | null; projectDir: string | null };
  /** In a git worktree: its name and path, as Claude Code reports them. */
  worktree: { name: string | null; path: string | null } | null;
  /** Only for claude.ai subscribers; a window is absent when not reported or not usable. */
  rateLimits: Partial<Record<PlanWindowName, PlanWindowReport>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 512): string | null => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/**
 * A window's figures, or undefined: a percentage that is not a number or is negative, or a reset that
 * is not a time or already passed (the figure then describes a window that is over), is not a report.
 * Above 100 is kept as 100: the limit is reached.
 */
function planWindow(v: unknown, nowSeconds: number): PlanWindowReport | undefined {
  if (!isObject(v)) return undefined;
  const used = num(v.used_percentage);
  const resetsAt = num(v.resets_at);
  if (used === null || used < 0 || resetsAt === null || resetsAt <= 0) return undefined;
  if (resetsAt < nowSeconds - 60) return undefined;
  return { usedPercent: Math.min(100, Math.round(used * 100) / 100), resetsAt: Math.round(resetsAt) };
}

export function parseStatusInput(text: string, now = new Date()): StatusInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const root = obj(json);
  const model = obj(root.model);
  const workspace = obj(root.workspace);
  const worktree = isObject(root.worktree) ? root.worktree : null;
  const limits = obj(root.rate_limits);
  const rateLimits: StatusInput['rateLimits'] = {};
  for (const name of planWindowNames) {
    const report = planWindow(limits[name], now.getTime() / 1000);
    if (report) rateLimits[name] = report;
  }
  return {
    sessionId: str(root.session_id, 128),
    model: { id: str(model.id, 128), displayName: str(model.display_name, 128) },
    sessionCostUsd: num(obj(root.cost).total_cost_usd),
    cwd: str(root.cwd, 4096),
    workspace: { currentDir: str(workspace.current_dir, 4096), projectDir: str(workspace.project_dir, 4096) },
    worktree: worktree ? { name: str(worktree.name), path: str(worktree.path, 4096) } : null,
    rateLimits,
  };
}
