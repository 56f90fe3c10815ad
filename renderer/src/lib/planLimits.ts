/**
 * A plan-limit window as its gauge shows it (pure): the used %, its colour, the reset countdown and
 * the pace line. A window whose reset has passed (by the backend's clock or the page's) is at 0%.
 */
import type { PlanLimitsView, PlanWindowView } from '../../../electron/core/api/types.js';
import { formatTimeLeft, whenPhrase } from './when.js';

export type LevelTone = 'ok' | 'warn' | 'bad';

/** ok below 80%, warn from 80%, bad from 95%. */
export function limitTone(percent: number): LevelTone {
  return percent >= 95 ? 'bad' : percent >= 80 ? 'warn' : 'ok';
}

export interface GaugeView {
  usedPercent: number;
  tone: LevelTone;
  /** The window reset since it was last reported (nothing used since). */
  reset: boolean;
  /** "resets in 2 h 10 min", or "reset at 21:40 — not used since". */
  countdown: string;
  /** "at this pace: 64% at reset", …; null once reset. */
  pace: string | null;
  paceTone: LevelTone;
  /** Where the bar's projection marker goes (0–100), and whether the projection runs past 100%. */
  projectedPercent: number;
  overflow: boolean;
}

const clamp = (v: number): number => Math.min(100, Math.max(0, v));

function paceLine(w: PlanWindowView, now: number, projected: number): string {
  if (w.usedPercent >= 100) return 'limit reached';
  const head = `at this pace: ${projected}% at reset`;
  if (w.limitAt === null) return head;
  const at = Date.parse(w.limitAt);
  return at <= now ? `${head} — you reach the limit about now` : `${head} — you reach the limit ${whenPhrase(at, now)}`;
}

export function gaugeView(w: PlanWindowView, now: number): GaugeView {
  const resetsAt = Date.parse(w.resetsAt);
  if (resetsAt <= now) {
    return { usedPercent: 0, tone: 'ok', reset: true, countdown: `reset ${whenPhrase(resetsAt, now)} — not used since`, pace: null, paceTone: 'ok', projectedPercent: 0, overflow: false };
  }
  const used = Math.round(w.usedPercent);
  const projected = Math.max(used, Math.round(w.projectedPercentAtReset));
  return {
    usedPercent: used,
    tone: limitTone(used),
    reset: false,
    countdown: `resets in ${formatTimeLeft(resetsAt, now)}`,
    pace: paceLine(w, now, projected),
    paceTone: limitTone(projected),
    projectedPercent: clamp(projected),
    overflow: projected > 100,
  };
}

/** Neither window was ever reported (an API-key user, or a subscriber without our status line). */
export const noPlanLimits = (p: PlanLimitsView): boolean => p.fiveHour === null && p.sevenDay === null;
