/**
 * Pure planning of a scenario run: exporter slots and real-time schedule.
 *
 * Slots: each run gets an exporter slot (a port in prometheus mode). By default a run takes the
 * lowest slot not used by a run alive (in scenario time) at its start; so sequential sessions
 * share one port (like Claude Code on :9464), concurrent ones get their own port, and a resumed
 * session (a counter reset) comes back on the same port.
 *
 * Real time: scenario seconds are divided by `speed`. Every process stays alive at least
 * `lingerMs` real milliseconds after its last step, so a 1 s scrape always catches its final
 * values (known-totals tests need this; a real short `claude -p` can exit before any scrape,
 * which is a property of scrape mode tested elsewhere). A run on a busy slot waits for the
 * previous process on that slot to end.
 */
import type { Scenario } from './scenario.js';

export interface PlannedRun {
  index: number;
  slot: number;
  /** Real ms after the scenario starts. */
  startMs: number;
  /** Real ms after the scenario starts, for each step (same order as run.steps). */
  stepMs: number[];
  endMs: number;
}

export interface Plan {
  slots: number;
  runs: PlannedRun[];
  /** Real ms until the last process ends. */
  totalMs: number;
}

export const DEFAULT_LINGER_MS = 3000;

/** Slot of every run (by index in scenario.sessions). */
export function assignSlots(scenario: Scenario): number[] {
  const order = scenario.sessions.map((r, i) => ({ r, i })).sort((a, b) => a.r.start - b.r.start || a.i - b.i);
  const busyUntil: number[] = [];
  const slots: number[] = new Array<number>(scenario.sessions.length).fill(0);
  // Explicit slots first claim their place in time order along with the others.
  for (const { r, i } of order) {
    let slot = r.slot;
    if (slot === undefined) {
      slot = 0;
      while ((busyUntil[slot] ?? -Infinity) > r.start) slot++;
    }
    busyUntil[slot] = Math.max(busyUntil[slot] ?? -Infinity, r.start + r.duration);
    slots[i] = slot;
  }
  return slots;
}

export function planRun(scenario: Scenario, speed = 1, lingerMs = DEFAULT_LINGER_MS): Plan {
  if (!(speed > 0)) throw new Error(`speed must be > 0 (got ${speed})`);
  const slots = assignSlots(scenario);
  const toMs = (s: number): number => (s * 1000) / speed;
  const order = scenario.sessions.map((r, i) => ({ r, i })).sort((a, b) => a.r.start - b.r.start || a.i - b.i);
  const slotFreeAt = new Map<number, number>();
  const runs: PlannedRun[] = [];
  for (const { r, i } of order) {
    const slot = slots[i]!;
    const startMs = Math.max(toMs(r.start), slotFreeAt.get(slot) ?? 0);
    const stepMs = r.steps.map((s) => startMs + toMs(s.at));
    const lastStep = stepMs.length ? stepMs[stepMs.length - 1]! : startMs;
    const endMs = Math.max(startMs + toMs(r.duration), lastStep + lingerMs);
    slotFreeAt.set(slot, endMs);
    runs.push({ index: i, slot, startMs, stepMs, endMs });
  }
  runs.sort((a, b) => a.index - b.index);
  return { slots: slots.length ? Math.max(...slots) + 1 : 0, runs, totalMs: Math.max(0, ...runs.map((r) => r.endMs)) };
}
