/** The renderer's one QueryClient and the defaults every query shares. */
import { QueryClient } from '@tanstack/react-query';

export const defaultIntervalSeconds = 15;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The backend is on this machine: a laptop without a network must not pause the queries.
        networkMode: 'always',
        // The next poll is the retry; a failure shows at once (the stale state), as it is.
        retry: false,
        staleTime: defaultIntervalSeconds * 1000,
        refetchOnWindowFocus: true,
        refetchIntervalInBackground: false,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
