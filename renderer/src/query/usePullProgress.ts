/** The image pull's progress while the stack starts (pushed by the host; not cached: it only matters live). */
import { useEffect, useState } from 'react';
import type { PullProgress } from '../../../electron/core/api/types.js';
import { useBridge } from './BridgeProvider.js';

export function usePullProgress(): [PullProgress | null, (p: PullProgress | null) => void] {
  const bridge = useBridge();
  const [progress, setProgress] = useState<PullProgress | null>(null);
  useEffect(() => bridge.on('stack:pull-progress', setProgress), [bridge]);
  return [progress, setProgress];
}
