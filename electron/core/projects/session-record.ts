/**
 * The session → project join Claude Code's metrics lack: recorded by the SessionStart/SessionEnd hooks
 * (and by the status line where no hook is installed) as an info-style gauge, `ccmon_session_info = 1`
 * with the project, branch, worktree and `owner/repo` as labels, pushed over OTLP beside Claude Code's
 * own metrics. What is recorded follows the privacy setting: the names (default), a hash of each, or
 * nothing at all.
 */
import { sha256Hex } from '../fs/sha256.js';
import path from 'node:path';
import type { GaugeMetric } from '../otlp/metrics-request.js';
import { gitInfo } from './git-info.js';
import type { ProjectRecording } from './recording.js';

export const sessionInfoMetric = 'ccmon_session_info';

export { projectRecordings, type ProjectRecording } from './recording.js';

export interface ProjectRecord {
  project: string;
  branch: string;
  worktree: string;
  repo: string;
}

/** The record of a folder: the git top-level's name (the main checkout's for a worktree), or the folder's name outside git. */
export function projectOf(folder: string): ProjectRecord {
  const git = gitInfo(folder);
  const name = path.basename(git.root ?? path.resolve(folder)).replace(/\.git$/, '') || path.resolve(folder);
  return { project: name, branch: git.branch, worktree: git.worktree, repo: git.remote };
}

const hash = (v: string): string => (v === '' ? '' : `h:${sha256Hex(v).slice(0, 12)}`);

/** The record as the privacy setting allows it to leave the machine; null: nothing is recorded. */
export function recordedAs(record: ProjectRecord, recording: ProjectRecording): ProjectRecord | null {
  if (recording === 'off') return null;
  if (recording === 'name') return record;
  return { project: hash(record.project), branch: hash(record.branch), worktree: hash(record.worktree), repo: hash(record.repo) };
}

export function sessionInfoGauge(sessionId: string, record: ProjectRecord, nowMs: number, extra: Readonly<Record<string, string>> = {}): GaugeMetric {
  return {
    name: sessionInfoMetric,
    description: 'Which project, branch and worktree a Claude Code session ran in (value 1); recorded by ccmon.',
    points: [{ attributes: { ...extra, session_id: sessionId, project: record.project, branch: record.branch, worktree: record.worktree, repo: record.repo }, timeMs: nowMs, value: 1 }],
  };
}
