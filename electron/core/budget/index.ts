export * from './thresholds.js';
export * from './threshold-ledger.js';
export * from './month-cost.js';
export * from './summary-watches.js';
export * from './budget-watch.js';
