/** Saving the Settings form: the answer is the new settings view, and what depends on it follows. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SettingsPatch } from '../../../electron/core/config/settings-api.js';
import { useBridge } from './BridgeProvider.js';
import { settingsChanged } from './settings-sync.js';

export function useSaveSettings() {
  const bridge = useBridge();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => bridge.updateSettings({ patch }),
    onSuccess: (view) => settingsChanged(client, view),
  });
}
