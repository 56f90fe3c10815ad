/**
 * sha256 hex of a text, with node:crypto loaded on first use: the status line and the hook name an
 * install record and may hash a project name, and loading crypto up front costs them ~6 ms a run.
 */
export const sha256Hex = (text: string): string => process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
