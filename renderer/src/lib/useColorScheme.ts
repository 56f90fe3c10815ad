import { useEffect, useState } from 'react';

const media = '(prefers-color-scheme: dark)';

/** 'dark' or 'light', following the system (prefers-color-scheme) live. */
export function useColorScheme(): 'light' | 'dark' {
  const [dark, setDark] = useState(() => typeof window !== 'undefined' && Boolean(window.matchMedia?.(media).matches));
  useEffect(() => {
    const query = window.matchMedia?.(media);
    if (!query) return;
    const on = (e: MediaQueryListEvent): void => setDark(e.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, []);
  return dark ? 'dark' : 'light';
}
