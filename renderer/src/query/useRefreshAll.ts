/** "Refresh now" and the stale banner's Retry: every query on screen, fetched again at once. */
import { useQueryClient } from '@tanstack/react-query';

export function useRefreshAll(): () => void {
  const client = useQueryClient();
  return () => void client.refetchQueries({ type: 'active' });
}
