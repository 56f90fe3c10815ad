/**
 * Launch at login (no electron import): macOS and Windows use `app.setLoginItemSettings` (the plan
 * says so); Linux gets an XDG autostart entry, `~/.config/autostart/claude-code-monitor.desktop`,
 * written by a pure function and a thin fs adapter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const AUTOSTART_ARG = '--hidden';
export const DESKTOP_FILE_NAME = 'claude-code-monitor.desktop';

export type AutostartPlan =
  | { kind: 'login-item'; settings: { openAtLogin: boolean; openAsHidden: boolean; args: string[] } }
  | { kind: 'desktop-file'; path: string; content: string | null };

export interface AutostartInput {
  platform: NodeJS.Platform;
  enabled: boolean;
  /** process.execPath */
  execPath: string;
  /** Arguments before ours (an unpackaged run passes the app's folder to the electron binary). */
  execArgs?: string[];
  env: NodeJS.ProcessEnv;
  icon?: string;
}

export function autostartPlan(input: AutostartInput): AutostartPlan {
  if (input.platform === 'darwin' || input.platform === 'win32') {
    return { kind: 'login-item', settings: { openAtLogin: input.enabled, openAsHidden: true, args: [AUTOSTART_ARG] } };
  }
  const file = path.join(autostartDir(input.env), DESKTOP_FILE_NAME);
  if (!input.enabled) return { kind: 'desktop-file', path: file, content: null };
  // An AppImage runs from a temporary mount; the file to start at login is $APPIMAGE itself.
  const exec = input.env.APPIMAGE ? [input.env.APPIMAGE] : [input.execPath, ...(input.execArgs ?? [])];
  return { kind: 'desktop-file', path: file, content: linuxDesktopEntry({ exec: [...exec, AUTOSTART_ARG], ...(input.icon ? { icon: input.icon } : {}) }) };
}

export function autostartDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? os.homedir();
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart');
}

/** A Desktop Entry (freedesktop spec 1.5) that starts the app hidden in the tray. */
export function linuxDesktopEntry(opts: { exec: string[]; icon?: string; name?: string }): string {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${escapeValue(opts.name ?? 'Claude Code Monitor')}`,
    'Comment=Claude Code cost and usage in the tray',
    `Exec=${opts.exec.map(quoteExecArg).join(' ')}`,
    ...(opts.icon ? [`Icon=${escapeValue(opts.icon)}`] : []),
    'Terminal=false',
    'Categories=Development;Monitor;',
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=5',
  ];
  return lines.join('\n') + '\n';
}

/** Exec key quoting: reserved characters need double quotes; `"`, `` ` ``, `$`, `\` are escaped inside; `%` doubles. */
export function quoteExecArg(arg: string): string {
  const escapedPercent = arg.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_./:=@+,-]+$/.test(escapedPercent)) return escapedPercent;
  // The Exec value is itself a string value, so each backslash escape is written twice.
  return `"${escapedPercent.replace(/(["`$\\])/g, '\\\\$1')}"`;
}

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

/** Applies a desktop-file plan: writes (atomically) or removes the entry. */
export function applyDesktopFilePlan(plan: Extract<AutostartPlan, { kind: 'desktop-file' }>, fsImpl: Pick<typeof fs, 'mkdirSync' | 'writeFileSync' | 'renameSync' | 'rmSync'> = fs): void {
  if (plan.content === null) {
    fsImpl.rmSync(plan.path, { force: true });
    return;
  }
  fsImpl.mkdirSync(path.dirname(plan.path), { recursive: true });
  const tmp = `${plan.path}.${process.pid}.tmp`;
  fsImpl.writeFileSync(tmp, plan.content, { mode: 0o644 });
  fsImpl.renameSync(tmp, plan.path);
}

/** Applies the plan for `input`: a login item through `setLoginItem` (Electron's app.setLoginItemSettings), else the XDG entry. */
export function applyAutostart(input: AutostartInput, setLoginItem: (settings: Extract<AutostartPlan, { kind: 'login-item' }>['settings']) => void, fsImpl?: Parameters<typeof applyDesktopFilePlan>[1]): void {
  const plan = autostartPlan(input);
  if (plan.kind === 'login-item') setLoginItem(plan.settings);
  else applyDesktopFilePlan(plan, fsImpl);
}

/** Whether the Linux entry is in place (the settings panel shows the real state). */
export function desktopFileEnabled(file: string): boolean {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return !/^X-GNOME-Autostart-enabled=false$/m.test(text) && !/^Hidden=true$/m.test(text);
  } catch {
    return false;
  }
}
