/**
 * Claude Code's settings.json from the Setup tab: a preview of the change, then apply it, or revert
 * what was applied. One error at a time: starting one action clears the other's failure.
 */
import { useMutation } from '@tanstack/react-query';
import type { ApiArgs } from '../../../electron/core/api/contract.js';
import type { ClaudeEnvPlan } from '../../../electron/core/env/types.js';
import { describeError, type ErrorInfo } from '../api/errors.js';
import { useBridge } from './BridgeProvider.js';

/** What Apply installs: the variables for a mode, and the status line and hooks unless turned off. */
export type InstallChoice = ApiArgs<'applyEnv'>;
export type EnvWrite = ({ verb: 'apply' } & InstallChoice) | { verb: 'revert' };

export interface EnvActions {
  preview: ClaudeEnvPlan | null;
  result: { plan: ClaudeEnvPlan; verb: EnvWrite['verb'] } | null;
  busy: 'preview' | EnvWrite['verb'] | null;
  error: ErrorInfo | null;
  runPreview: (choice: InstallChoice) => void;
  runWrite: (write: EnvWrite) => void;
  clearPreview: () => void;
}

export function useEnvActions(): EnvActions {
  const bridge = useBridge();
  const preview = useMutation({ mutationFn: (choice: InstallChoice) => bridge.previewApplyEnv(choice) });
  const write = useMutation({
    mutationFn: (w: EnvWrite) => (w.verb === 'apply' ? bridge.applyEnv({ mode: w.mode, statusLine: w.statusLine, hooks: w.hooks }) : bridge.revertEnv({})),
    // The preview described the file before this write; it no longer does.
    onSuccess: () => preview.reset(),
  });
  const failed = preview.error ?? write.error;
  return {
    preview: preview.data ?? null,
    result: write.data && write.variables ? { plan: write.data, verb: write.variables.verb } : null,
    busy: preview.isPending ? 'preview' : write.isPending ? write.variables.verb : null,
    error: failed ? describeError(failed) : null,
    runPreview: (choice) => {
      write.reset();
      preview.mutate(choice);
    },
    runWrite: (w) => {
      if (preview.isError) preview.reset();
      write.mutate(w);
    },
    clearPreview: preview.reset,
  };
}
