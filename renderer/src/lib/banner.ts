/** The stale banner's words: who stopped answering, and what to do about it. Pure. */
import type { ErrorCode } from '../../../electron/core/api/error-codes.js';
import { hasCode, hostDownCodes, type ErrorInfo } from '../api/errors.js';

// Prometheus answered, but not with a summary (a refused query, bad credentials, a broken answer).
const answeredBadly: readonly ErrorCode[] = ['prometheus-query', 'prometheus-auth', 'prometheus-http', 'prometheus-response', 'prometheus-too-large'];

/** `remote`: the summaries come from a shared backend (Settings → Backend), not the local stack's Prometheus. */
export function bannerWords(error: ErrorInfo | null, prometheusUrl: string | undefined, remote = false): { headline: string; hint: string } {
  const at = prometheusUrl ? ` at ${prometheusUrl}` : '';
  const source = remote ? 'The shared backend' : 'Prometheus';
  if (hasCode(error, hostDownCodes)) {
    return { headline: 'The Claude Code Monitor server is not answering.', hint: error?.hint ?? 'Start it again; this page reconnects by itself.' };
  }
  const fallback = `${remote ? 'Check the query URL in Settings → Backend, and the network.' : 'Start the stack (Stack tab), or check the Prometheus URL in Settings.'} Values refresh by themselves when it answers again.`;
  if (hasCode(error, answeredBadly)) return { headline: `${source}${at} answered with an error.`, hint: error?.hint ?? 'Values refresh by themselves when it answers again.' };
  return { headline: `${source} is not answering${at}.`, hint: error?.hint ?? fallback };
}
