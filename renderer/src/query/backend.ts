/**
 * The Backend card's calls: the backend as the host resolves it (getBackend), storing or clearing its
 * secret (setBackendSecret: the host reads with it from then on, so every figure is fetched again),
 * and checking it (runDoctor).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiArgs } from '../../../electron/core/api/contract.js';
import { useBridge } from './BridgeProvider.js';
import { keys } from './keys.js';

export type SecretChange = ApiArgs<'setBackendSecret'>;

export function useBackend() {
  const bridge = useBridge();
  return useQuery({ queryKey: keys.backend, queryFn: () => bridge.getBackend({}) });
}

export function useSetBackendSecret() {
  const bridge = useBridge();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: SecretChange) => bridge.setBackendSecret(change),
    onSuccess: (view) => {
      client.setQueryData(keys.backend, view);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.backend[0] && q.queryKey[0] !== keys.settings[0] });
    },
  });
}

export function useBackendCheck() {
  const bridge = useBridge();
  return useMutation({ mutationFn: () => bridge.runDoctor({}) });
}
