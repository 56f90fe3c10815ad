/**
 * The engine's objects by name, and whose they are: only what carries the stack's label is ours;
 * anything else of the same name is left alone and reported.
 */
import { labels } from './definition.js';
import { StackError } from './errors.js';
import { engineMessage } from './pull.js';

/** Inspects a container, image, network or volume: null when the engine has none of that name. */
export async function inspectOrNull<T>(what: string, inspect: () => Promise<T>): Promise<T | null> {
  try {
    return await inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw new StackError('engine-error', `Inspecting ${what} failed: ${engineMessage(err)}`);
  }
}

export function isOurs(objectLabels: Record<string, string> | null | undefined, stack: string): boolean {
  return objectLabels?.[labels.stack] === stack;
}

export type OwnedKind = 'container' | 'network' | 'volume';

/** Throws 'name-taken' when an object of the stack's name is someone else's. */
export function assertOurs(kind: OwnedKind, name: string, objectLabels: Record<string, string> | null | undefined, stack: string): void {
  if (isOurs(objectLabels, stack)) return;
  // Containers can be renamed; networks and volumes cannot.
  const fix = kind === 'container' ? 'Remove or rename it' : 'Remove it';
  throw new StackError('name-taken', `A ${kind} named ${name} exists and is not part of this stack; it is left alone.`, `${fix}, or give the stack another name with CCMON_STACK_NAME.`);
}
