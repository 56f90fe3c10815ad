export * from './thresholds.js';
