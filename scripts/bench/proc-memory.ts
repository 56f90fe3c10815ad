/** A process's resident memory from /proc/<pid>/status: now (VmRSS) and its peak so far (VmHWM), in MiB. */
import { readFileSync } from 'node:fs';

export interface ProcMemory {
  rssMiB: number;
  peakMiB: number;
}

/** The VmRSS and VmHWM lines of a /proc status file, in MiB (0 where absent). Pure. */
export function parseProcStatus(status: string): ProcMemory {
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

export const procMemory = (pid: number): ProcMemory => parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
