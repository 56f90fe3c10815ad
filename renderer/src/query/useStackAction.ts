/**
 * Start and Stop: a mutation whose answer is the new stack status. Its state is read back from the
 * mutation cache, so "Starting…" and a failure survive leaving the Stack tab and coming back.
 */
import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { describeError, type ErrorInfo } from '../api/errors.js';
import { useBridge } from './BridgeProvider.js';
import { keys, mutationKeys } from './keys.js';

export type StackAction = 'up' | 'down';

export interface StackActionState {
  run: (action: StackAction) => void;
  busy: StackAction | null;
  error: ErrorInfo | null;
}

export function useStackAction(): StackActionState {
  const bridge = useBridge();
  const client = useQueryClient();
  const { mutate } = useMutation({
    mutationKey: mutationKeys.stack,
    mutationFn: (action: StackAction) => (action === 'up' ? bridge.stackUp({}) : bridge.stackDown({})),
    onSuccess: (status) => client.setQueryData(keys.stack, status),
    onSettled: () => client.invalidateQueries({ queryKey: keys.stack }),
  });
  const latest = useMutationState({
    filters: { mutationKey: mutationKeys.stack },
    select: (m) => ({ status: m.state.status, action: m.state.variables as StackAction, error: m.state.error }),
  }).at(-1);
  return {
    run: mutate,
    busy: latest?.status === 'pending' ? latest.action : null,
    error: latest?.status === 'error' ? describeError(latest.error) : null,
  };
}
