import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLCompositeType, GraphQLOutputType, GraphQLSchema,
  isAbstractType, isCompositeType, isInterfaceType, isListType, isNonNullType, isObjectType, Kind,
  OperationDefinitionNode, SelectionNode, SelectionSetNode,
} from 'graphql';
import type { FieldRequirement, RequirementIndex } from './supergraph-security';

/** One step of a response path: a field of an object, or the items of a list ("@"). */
export type PathStep = { kind: 'field'; key: string; nonNull: boolean } | { kind: 'items'; nonNull: boolean };

export interface Removal {
  /** Response path, lists shown as "@", as Apollo Router reports it. */
  path: (string | number)[];
  steps: PathStep[];
}

/** Stands in for the fields of a selection that lost them all; removed from the response again. */
export const PLACEHOLDER_KEY = '__authorizationPlaceholder';
const PLACEHOLDER: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PLACEHOLDER_KEY },
  name: { kind: Kind.NAME, value: '__typename' },
};

export interface FilteredOperation {
  document: DocumentNode;
  removals: Removal[];
  /** Some selection kept only a placeholder; the response must be cleaned of PLACEHOLDER_KEY. */
  placeholders: boolean;
  /** Every root field was removed; the document holds a placeholder `__typename` to stay executable. */
  placeholderRoot: boolean;
}

/** Steps for a field of `type`, e.g. `[Penalty!]!` → field (non-null), items (non-null). */
function stepsFor(key: string, type: GraphQLOutputType): PathStep[] {
  const steps: PathStep[] = [];
  let current: GraphQLOutputType = type;
  let nonNull = false;
  if (isNonNullType(current)) {
    nonNull = true;
    current = current.ofType;
  }
  steps.push({ kind: 'field', key, nonNull });
  while (isListType(current)) {
    let item = current.ofType as GraphQLOutputType;
    let itemNonNull = false;
    if (isNonNullType(item)) {
      itemNonNull = true;
      item = item.ofType;
    }
    steps.push({ kind: 'items', nonNull: itemNonNull });
    current = item;
  }
  return steps;
}

function pathOf(steps: PathStep[]): string[] {
  return steps.map((s) => (s.kind === 'field' ? s.key : '@'));
}


/** Removals seen so far, one per response path (the same path reached twice is reported once). */
class RemovalSet {
  readonly steps: PathStep[][] = [];
  private readonly keys = new Set<string>();

  add(steps: PathStep[]): void {
    const key = pathOf(steps).join('.');
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.steps.push(steps);
  }
}

/** A fragment definition as filtered once for every place it is spread. */
interface FilteredFragment {
  /** Null when every field of the fragment was removed (its spreads are dropped). */
  definition: FragmentDefinitionNode | null;
  /** Removals relative to the fragment's position. */
  removals: PathStep[][];
  /** Fragments the filtered definition spreads. */
  spreads: Set<string>;
}

/**
 * Removes from an operation every field the caller may not see, before the gateway plans it
 * (Apollo Router's authorization semantics). Unlike the Router, an object whose every selected field was
 * removed is kept (with its fields null) instead of being nulled itself.
 *
 * Linear in the document: which fields of a fragment survive depends only on the fragment (its fields are
 * judged against its type condition), so each fragment is filtered once, kept as a fragment definition, and
 * its removals are re-rooted at each place it is spread, one per distinct response path. Inlining spreads
 * instead would let a short document of fragments that each spread the next twice grow exponentially.
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  requirements: RequirementIndex,
  allowed: (requirement: FieldRequirement) => boolean,
): FilteredOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const filteredFragments = new Map<string, FilteredFragment>();
  const inProgress = new Set<string>();
  let placeholders = false;

  const verdicts = new Map<string, boolean>();
  const judge = (parent: GraphQLCompositeType, fieldName: string): boolean => {
    const own = requirements.get(`${parent.name}.${fieldName}`);
    if (own && !allowed(own)) return false;
    // An interface field is only as open as its most restricted implementation.
    if (isAbstractType(parent)) {
      for (const possible of schema.getPossibleTypes(parent)) {
        const r = requirements.get(`${possible.name}.${fieldName}`);
        if (r && !allowed(r)) return false;
      }
    }
    return true;
  };
  // Judged once per coordinate: a document repeating an interface field does not repeat the walk over its implementations.
  const fieldAllowed = (parent: GraphQLCompositeType, fieldName: string): boolean => {
    const coordinate = `${parent.name}.${fieldName}`;
    let verdict = verdicts.get(coordinate);
    if (verdict === undefined) {
      verdict = judge(parent, fieldName);
      verdicts.set(coordinate, verdict);
    }
    return verdict;
  };

  /** `steps` is the path from the selection set's origin (the operation or a fragment), used as a stack. */
  const filterSelections = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    steps: PathStep[],
    removals: RemovalSet,
    spreads: Set<string>,
  ): SelectionSetNode | null => {
    const kept: SelectionNode[] = [];
    let changed = false;
    for (const selection of selectionSet.selections) {
      let result: SelectionNode | null;
      if (selection.kind === Kind.FIELD) {
        result = filterField(selection, parent, steps, removals, spreads);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : parent;
        const inner = filterSelections(selection.selectionSet, condition, steps, removals, spreads);
        result = inner === selection.selectionSet ? selection : inner && { ...selection, selectionSet: inner };
      } else {
        const fragment = filterFragment(selection.name.value);
        for (const relative of fragment.removals) removals.add([...steps, ...relative]);
        result = fragment.definition ? selection : null;
        if (result) spreads.add(selection.name.value);
      }
      if (result !== selection) changed = true;
      if (result) kept.push(result);
    }
    if (!changed) return selectionSet;
    return kept.length > 0 ? { ...selectionSet, selections: kept } : null;
  };

  const filterFragment = (name: string): FilteredFragment => {
    const known = filteredFragments.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    // Validation has already refused unknown fragments and cycles; this guards the recursion regardless.
    if (!definition || inProgress.has(name)) throw new Error(`Unknown or cyclic fragment ${name}`);
    inProgress.add(name);
    const condition = schema.getType(definition.typeCondition.name.value) as GraphQLCompositeType;
    const removals = new RemovalSet();
    const spreads = new Set<string>();
    const inner = filterSelections(definition.selectionSet, condition, [], removals, spreads);
    inProgress.delete(name);
    const filtered: FilteredFragment = {
      definition: inner === definition.selectionSet ? definition : inner && { ...definition, selectionSet: inner },
      removals: removals.steps,
      spreads,
    };
    filteredFragments.set(name, filtered);
    return filtered;
  };

  const filterField = (
    node: FieldNode,
    parent: GraphQLCompositeType,
    steps: PathStep[],
    removals: RemovalSet,
    spreads: Set<string>,
  ): FieldNode | null => {
    const name = node.name.value;
    if (name.startsWith('__')) return node;
    const key = node.alias?.value ?? name;
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!definition) return node; // validation has already rejected unknown fields
    const own = stepsFor(key, definition.type);
    if (!fieldAllowed(parent, name)) {
      removals.add([...steps, own[0]]);
      return null;
    }
    if (!node.selectionSet) return node;
    const named = getNamedType(definition.type);
    if (!isCompositeType(named)) return node;
    steps.push(...own);
    const inner = filterSelections(node.selectionSet, named, steps, removals, spreads);
    steps.length -= own.length;
    if (inner === node.selectionSet) return node;
    if (!inner) {
      // Every field asked for here was removed: keep the object (its removed fields become null) rather
      // than nulling it, which could wipe out public fields beside it.
      placeholders = true;
      return { ...node, selectionSet: { kind: Kind.SELECTION_SET, selections: [PLACEHOLDER] } };
    }
    return { ...node, selectionSet: inner };
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { document, removals: [], placeholderRoot: false, placeholders };
  const removals = new RemovalSet();
  const rootSpreads = new Set<string>();
  let selectionSet = filterSelections(operation.selectionSet, rootType, [], removals, rootSpreads);
  const found = removals.steps.map((steps) => ({ path: pathOf(steps), steps }));
  if (found.length === 0) return { document, removals: found, placeholderRoot: false, placeholders };
  // An operation needs at least one field: keep it valid with __typename, which costs no subgraph fetch.
  const placeholderRoot = selectionSet === null;
  selectionSet ??= { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
  const filtered: OperationDefinitionNode = { ...operation, selectionSet };
  return {
    document: { ...document, definitions: [filtered, ...fragmentsReachedFrom(rootSpreads, filteredFragments)] },
    removals: found,
    placeholderRoot,
    placeholders,
  };
}

/** The filtered fragment definitions the filtered operation still spreads, directly or through others. */
function fragmentsReachedFrom(roots: Set<string>, filtered: Map<string, FilteredFragment>): FragmentDefinitionNode[] {
  const reached = new Set<string>();
  const pending = [...roots];
  const definitions: FragmentDefinitionNode[] = [];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    const fragment = filtered.get(name);
    if (!fragment?.definition) continue;
    definitions.push(fragment.definition);
    pending.push(...fragment.spreads);
  }
  return definitions;
}
