import type { PathStep, Removal } from './filter-operation';

/**
 * Puts `null` where removed fields would have been, propagating through non-null positions to the
 * nearest nullable one as GraphQL requires. Returns the new `data` (null when the root is nulled).
 */
export function nullRemovedFields(
  data: Record<string, unknown> | null | undefined,
  removals: Removal[],
): Record<string, unknown> | null {
  if (!data) return data ?? null;
  for (const removal of removals) {
    if (nullAt(data, removal.steps, 0)) return null;
  }
  return data;
}

/** Walks `steps` from `value`; returns true when `value` itself must become null. */
function nullAt(value: unknown, steps: PathStep[], i: number): boolean {
  if (value === null || value === undefined) return false;
  const step = steps[i];
  if (step.kind === 'items') {
    if (!Array.isArray(value)) return false;
    let propagate = false;
    for (let j = 0; j < value.length; j++) {
      if (nullAt(value[j], steps, i + 1)) {
        value[j] = null;
        if (step.nonNull) propagate = true;
      }
    }
    return propagate;
  }
  const object = value as Record<string, unknown>;
  if (i === steps.length - 1) {
    object[step.key] = null;
    return step.nonNull;
  }
  if (nullAt(object[step.key], steps, i + 1)) {
    object[step.key] = null;
    return step.nonNull;
  }
  return false;
}

/** Deletes `key` from every object of the response (the placeholder of emptied selections). */
export function deleteKeyEverywhere(value: unknown, key: string): void {
  if (Array.isArray(value)) {
    for (const item of value) deleteKeyEverywhere(item, key);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    delete object[key];
    for (const child of Object.values(object)) deleteKeyEverywhere(child, key);
  }
}
