import { useEffect, useState } from 'react';

/**
 * True from the frame after `settled` became true: what waits on it (recharts' chunk, the panels
 * below the fold) never holds up the first frame with the summary's numbers.
 */
export function useAfterPaint(settled: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!settled || ready) return;
    // A timer set from an animation frame runs after that frame's paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [settled, ready]);
  return ready;
}
