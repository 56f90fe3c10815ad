/** What follows new settings: the settings query takes them; what is derived from them is fetched again. */
import type { QueryClient } from '@tanstack/react-query';
import type { SettingsView } from '../../../electron/core/config/settings-api.js';
import { keys } from './keys.js';

export function settingsChanged(client: QueryClient, view: SettingsView): void {
  client.setQueryData(keys.settings, view);
  // URLs, mode and interval (app info), the Grafana links' origin, and the snippets' endpoints.
  for (const queryKey of [keys.appInfo, keys.grafanaLinksAll, keys.envSnippetAll, keys.backend]) void client.invalidateQueries({ queryKey });
}
