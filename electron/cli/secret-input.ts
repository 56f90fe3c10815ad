/**
 * A secret typed or piped into the CLI: from a pipe (`printf %s "$TOKEN" | ccmon backend set-token`),
 * or typed at a prompt that does not echo it. Never from an argument (it would show in `ps` and in the
 * shell's history). One line, at most 8 KiB, without spaces or control characters.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { readStdin } from './hot/stdin.js';
import { ExitCode, UserError } from './output.js';

const maxSecretBytes = 8 * 1024;

async function typed(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  stderr.write(prompt);
  // What is typed goes nowhere: the prompt is written above, the answer never echoed.
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = readline.createInterface({ input: stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    stderr.write('\n');
  }
}

export async function readSecret(what: string, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  const raw = stdin.isTTY ? await typed(`Paste the ${what}, then press Enter (it is not shown): `, stdin, stderr) : await readStdin(maxSecretBytes + 1, Date.now() + 30_000, stdin);
  const value = raw.replace(/\r?\n$/, '').trim();
  if (!value) throw new UserError(`No ${what} was given.`, `Pipe it in, e.g. \`printf %s "$TOKEN" | ccmon backend set-token\`.`, ExitCode.usage);
  if (Buffer.byteLength(value) > maxSecretBytes || [...value].some((c) => c.codePointAt(0)! <= 0x20 || c.codePointAt(0) === 0x7f || /\s/.test(c))) {
    throw new UserError(`That ${what} is not one line of at most 8 KiB without spaces or control characters; nothing was stored.`, undefined, ExitCode.usage);
  }
  return value;
}
