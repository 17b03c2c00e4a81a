import type { PathStep, Removal } from './filter-operation';

/** The removals as a tree of steps: one walk over the response serves every removed path. */
interface StepNode {
  step: PathStep;
  /** A removed field ends here. */
  removed: boolean;
  children: Map<string, StepNode>;
}

function treeOf(removals: Removal[]): Map<string, StepNode> {
  const root = new Map<string, StepNode>();
  for (const removal of removals) {
    let level = root;
    removal.steps.forEach((step, i) => {
      const key = step.kind === 'field' ? step.key : '@';
      let node = level.get(key);
      if (!node) {
        node = { step, removed: false, children: new Map() };
        level.set(key, node);
      }
      if (i === removal.steps.length - 1) node.removed = true;
      level = node.children;
    });
  }
  return root;
}

/**
 * Puts `null` where removed fields would have been, propagating through non-null positions to the
 * nearest nullable one as GraphQL requires. Returns the new `data` (null when the root is nulled).
 * Visits each response value at most once, however many removals there are.
 */
export function nullRemovedFields(
  data: Record<string, unknown> | null | undefined,
  removals: Removal[],
): Record<string, unknown> | null {
  if (!data) return data ?? null;
  return nullBelow(data, treeOf(removals)) ? null : data;
}

/** Applies the removals under `children` to `value`; returns true when `value` itself must become null. */
function nullBelow(value: unknown, children: Map<string, StepNode>): boolean {
  if (value === null || value === undefined) return false;
  let propagate = false;
  for (const node of children.values()) {
    const step = node.step;
    if (step.kind === 'items') {
      if (!Array.isArray(value)) continue;
      for (let j = 0; j < value.length; j++) {
        if (nullBelow(value[j], node.children)) {
          value[j] = null;
          if (step.nonNull) propagate = true;
        }
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    if (node.removed || nullBelow(object[step.key], node.children)) {
      object[step.key] = null;
      if (step.nonNull) propagate = true;
    }
  }
  return propagate;
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
