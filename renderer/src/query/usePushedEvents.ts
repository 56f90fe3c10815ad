/** The host's pushed events, written into the query cache: a pushed value is as fresh as a fetched one. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useBridge } from './BridgeProvider.js';
import { keys } from './keys.js';
import { settingsChanged } from './settings-sync.js';

export function usePushedEvents(): void {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(() => {
    const offs = [
      bridge.on('summary:update', (summary) => client.setQueryData(keys.summary, summary)),
      bridge.on('stack:status', (status) => client.setQueryData(keys.stack, status)),
      bridge.on('settings:changed', (view) => settingsChanged(client, view)),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge, client]);
}
