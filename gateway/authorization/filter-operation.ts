import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLCompositeType, GraphQLOutputType, GraphQLSchema,
  InlineFragmentNode, isAbstractType, isCompositeType, isInterfaceType, isListType, isNonNullType, isObjectType, Kind,
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

/**
 * Removes from an operation every field the caller may not see, before the gateway plans it
 * (Apollo Router's authorization semantics). Fragment spreads are inlined first so that every field
 * is judged in its own response position. Unlike the Router, an object whose every selected field was
 * removed is kept (with its fields null) instead of being nulled itself.
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
  const removals: Removal[] = [];
  let placeholders = false;

  const fieldAllowed = (parent: GraphQLCompositeType, fieldName: string): boolean => {
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

  const filterSelections = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    steps: PathStep[],
  ): SelectionSetNode | null => {
    const kept: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = filterField(selection, parent, steps);
        if (field) kept.push(field);
      } else {
        const fragment: InlineFragmentNode =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection
            : inlineSpread(selection.name.value, selection.directives ?? [], fragments);
        const condition = fragment.typeCondition
          ? (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType)
          : parent;
        const inner = filterSelections(fragment.selectionSet, condition, steps);
        if (inner) kept.push({ ...fragment, selectionSet: inner });
      }
    }
    return kept.length > 0 ? { ...selectionSet, selections: kept } : null;
  };

  const filterField = (node: FieldNode, parent: GraphQLCompositeType, steps: PathStep[]): FieldNode | null => {
    const name = node.name.value;
    if (name.startsWith('__')) return node;
    const key = node.alias?.value ?? name;
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!definition) return node; // validation has already rejected unknown fields
    const own = stepsFor(key, definition.type);
    const target = [...steps, own[0]];
    if (!fieldAllowed(parent, name)) {
      removals.push({ path: pathOf(target), steps: target });
      return null;
    }
    if (!node.selectionSet) return node;
    const named = getNamedType(definition.type);
    if (!isCompositeType(named)) return node;
    const inner = filterSelections(node.selectionSet, named, [...steps, ...own]);
    if (!inner) {
      // Every field asked for here was removed: keep the object (its removed fields become null) rather
      // than nulling it, which could wipe out public fields beside it.
      placeholders = true;
      return { ...node, selectionSet: { kind: Kind.SELECTION_SET, selections: [PLACEHOLDER] } };
    }
    return { ...node, selectionSet: inner };
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { document, removals, placeholderRoot: false, placeholders };
  let selectionSet = filterSelections(operation.selectionSet, rootType, []);
  if (removals.length === 0) return { document, removals, placeholderRoot: false, placeholders };
  // An operation needs at least one field: keep it valid with __typename, which costs no subgraph fetch.
  const placeholderRoot = selectionSet === null;
  selectionSet ??= { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
  const filtered: OperationDefinitionNode = { ...operation, selectionSet };
  return { document: { ...document, definitions: [filtered] }, removals, placeholderRoot, placeholders };
}

function inlineSpread(
  name: string,
  directives: InlineFragmentNode['directives'],
  fragments: Map<string, FragmentDefinitionNode>,
): InlineFragmentNode {
  const fragment = fragments.get(name);
  if (!fragment) throw new Error(`Unknown fragment ${name}`);
  return { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives, selectionSet: fragment.selectionSet };
}
