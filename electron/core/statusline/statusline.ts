import { z } from 'zod';
import { formatUsd } from '../format/numbers.js';

/** The part of the JSON Claude Code passes to a status line command on stdin that we use. */
const statusInputSchema = z
  .object({
    session_id: z.string().optional(),
    model: z.object({ display_name: z.string().optional(), id: z.string().optional() }).partial().optional(),
    cost: z.object({ total_cost_usd: z.number().optional() }).partial().optional(),
  })
  .passthrough();
export type StatusInput = z.infer<typeof statusInputSchema>;

/** Parses Claude Code's status JSON; anything unreadable is treated as "no session details". */
export function parseStatusInput(text: string): StatusInput {
  try {
    const parsed = statusInputSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * One short line: model, this session's cost (Claude Code's own figure) and today's cost across sessions
 * (from Prometheus; `null` when it can't be had, shown as a dash so the line never breaks).
 */
export function renderStatusLine(input: StatusInput, todayUsd: number | null): string {
  const parts: string[] = [];
  const model = input.model?.display_name ?? input.model?.id;
  if (model) parts.push(model);
  const session = input.cost?.total_cost_usd;
  if (session !== undefined) parts.push(`session ${formatUsd(session)}`);
  parts.push(`today ${todayUsd === null ? '–' : formatUsd(todayUsd)}`);
  return parts.join(' · ');
}
