/**
 * The real Claude Code CLI's interactive UI, run as a person runs it: in a tmux session (Debian's tmux)
 * on its own socket, typed into with `send-keys` and read with `capture-pane`. Offline: the Messages
 * API is a local stand-in; HOME and CLAUDE_CONFIG_DIR are temp folders (pre-seeded so no onboarding or
 * trust dialog appears), never the user's. With `oauthToken`, Claude Code runs as a claude.ai
 * subscriber would (no API key), so it reads plan limits from the stand-in's answer headers and hands
 * them to its status line command.
 *
 *   const tui = await startClaudeTui({ apiUrl: api.url, configDir, cwd, env: {...} });
 *   await tui.submit('hello');                 // types it and presses Enter
 *   await tui.waitFor(/5h 36%/);               // polls the screen
 *   await tui.close();
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveClaudeCodeBinary } from './claude-code.js';
import { tempDir } from './tmp.js';

export interface ClaudeTuiOptions {
  apiUrl: string;
  /** CLAUDE_CONFIG_DIR (settings.json there is kept; .claude.json gets onboarding and trust). */
  configDir: string;
  cwd: string;
  home: string;
  /** Run as a subscriber: CLAUDE_CODE_OAUTH_TOKEN set, no API key. */
  oauthToken?: string;
  env?: Record<string, string>;
  columns?: number;
  rows?: number;
}

export interface ClaudeTui {
  screen(): string;
  /** Types `text` literally, then Enter. */
  submit(text: string): Promise<void>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export function tmuxAvailable(): string | null {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'tmux is not installed (apt-get install tmux)';
}

/** Marks onboarding done and the project trusted in `$CLAUDE_CONFIG_DIR/.claude.json`, keeping what is there. */
export function seedClaudeConfig(configDir: string, cwd: string): void {
  mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, '.claude.json');
  const json = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const projects = (json.projects as Record<string, unknown> | undefined) ?? {};
  writeFileSync(file, JSON.stringify({ ...json, hasCompletedOnboarding: true, projects: { ...projects, [cwd]: { hasTrustDialogAccepted: true } } }));
}

export async function startClaudeTui(opts: ClaudeTuiOptions): Promise<ClaudeTui> {
  const bin = resolveClaudeCodeBinary();
  if (!bin) throw new Error('the Claude Code binary is not installed');
  seedClaudeConfig(opts.configDir, opts.cwd);
  const socketDir = tempDir('ccmon-tmux-');
  const socket = path.join(socketDir.path, 'sock');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: opts.home,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    CLAUDE_CONFIG_DIR: opts.configDir,
    ANTHROPIC_BASE_URL: opts.apiUrl,
    ...(opts.oauthToken ? { CLAUDE_CODE_OAUTH_TOKEN: opts.oauthToken } : { ANTHROPIC_API_KEY: 'sk-ant-api03-offline-test-key' }),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_TERMINAL_TITLE: '1',
    ...opts.env,
  };
  const tmux = (...args: string[]) => spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const started = tmux('new-session', '-d', '-x', String(opts.columns ?? 160), '-y', String(opts.rows ?? 40), '-c', opts.cwd, ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), bin);
  if (started.status !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
  const screen = (): string => tmux('capture-pane', '-p', '-t', '0').stdout ?? '';
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = screen();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the screen did not show ${pattern} within ${timeoutMs} ms; it shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  // The prompt is ready when the input box is drawn.
  await waitFor(/❯/, 60_000);
  return {
    screen,
    waitFor,
    async submit(text) {
      tmux('send-keys', '-t', '0', '-l', text);
      await new Promise((r) => setTimeout(r, 300));
      tmux('send-keys', '-t', '0', 'Enter');
    },
    async close() {
      tmux('send-keys', '-t', '0', 'C-c');
      tmux('send-keys', '-t', '0', 'C-c');
      await new Promise((r) => setTimeout(r, 500));
      tmux('kill-server');
      socketDir.remove();
    },
  };
}
