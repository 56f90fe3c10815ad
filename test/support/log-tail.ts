/** The last lines a child process wrote (stdout and stderr together), for a test's failure message. */
import type { ChildProcess } from 'node:child_process';

export function logTail(child: ChildProcess, maxLines = 200): () => string {
  const lines: string[] = [];
  const onData = (buf: Buffer): void => {
    lines.push(...buf.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => lines.join('\n');
}
