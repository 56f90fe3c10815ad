/** The panels below the fold (projects, sessions, team tables) load after the first numbers are on screen. */
import { lazy } from 'react';

export const BelowFold = lazy(() => import('./BelowFold.js').then((m) => ({ default: m.BelowFold })));
