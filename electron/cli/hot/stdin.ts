/**
 * Reads what Claude Code writes to a hook's or status line's stdin: at most `maxBytes` (more is not an
 * input we understand: it is dropped), and never past `deadlineMs` (a stdin that stays open must not
 * hold the line up). Resolves with what arrived; never rejects.
 */
export function readStdin(maxBytes: number, deadlineMs: number, stream: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  if (stream.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const finish = (): void => {
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', finish);
      stream.removeListener('error', finish);
      (stream as { destroy?: () => void }).destroy?.();
      resolve(tooLarge ? '' : Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > maxBytes) {
        tooLarge = true;
        finish();
      } else chunks.push(b);
    };
    const timer = setTimeout(finish, Math.max(0, deadlineMs - Date.now()));
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', finish);
  });
}
