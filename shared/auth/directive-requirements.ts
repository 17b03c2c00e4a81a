import { ConstDirectiveNode, valueFromASTUntyped } from 'graphql';
import { MASKS, type MaskKind } from './masking';
import { ShareClass } from './share-class';

/** What a field demands of its caller, as declared by `@authenticated`, `@requiresScopes`, `@policy` and `@tag`. */
export interface DirectiveRequirement {
  authenticated: boolean;
  /** Any one inner list must be held in full (OR of ANDs), as in Apollo Router. */
  scopes?: string[][];
  policies?: string[][];
  /** From `@tag(name: "share:<CLASS>")`. */
  shareClass?: ShareClass;
  /** From `@tag(name: "mask:<KIND>")`: how PII is masked for callers without `pii:read`. */
  mask?: MaskKind;
}

/**
 * The local names of the directives in one schema; a missing name is not in use there. A supergraph may import
 * them under other names with `@link(import: [{ name: "@policy", as: "@rule" }])`.
 */
export interface DirectiveNames {
  authenticated?: string;
  requiresScopes?: string;
  policy?: string;
  tag?: string;
}

export const STANDARD_DIRECTIVE_NAMES: Readonly<Required<DirectiveNames>> = {
  authenticated: 'authenticated',
  requiresScopes: 'requiresScopes',
  policy: 'policy',
  tag: 'tag',
};

const SHARE_TAG = 'share:';
const MASK_TAG = 'mask:';
const SHARE_CLASSES: ReadonlySet<string> = new Set(Object.values(ShareClass));

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

const isListOfLists = (value: unknown): value is string[][] =>
  Array.isArray(value) && value.every((set) => Array.isArray(set) && set.every((s) => typeof s === 'string'));

/** Both requirements at once: AND of two OR-of-AND lists is every pairing of their sets. */
export function bothRequirements(
  a: DirectiveRequirement | undefined,
  b: DirectiveRequirement | undefined,
): DirectiveRequirement | undefined {
  if (!a) return b;
  if (!b) return a;
  const pair = (x?: string[][], y?: string[][]) =>
    x && y ? x.flatMap((left) => y.map((right) => [...new Set([...left, ...right])])) : (x ?? y);
  const combined: DirectiveRequirement = { authenticated: a.authenticated || b.authenticated };
  const scopes = pair(a.scopes, b.scopes);
  const policies = pair(a.policies, b.policies);
  if (scopes) combined.scopes = scopes;
  if (policies) combined.policies = policies;
  const shareClass = a.shareClass ?? b.shareClass;
  if (shareClass) combined.shareClass = shareClass;
  const mask = a.mask ?? b.mask;
  if (mask) combined.mask = mask;
  return combined;
}

/** What one `@tag` declares: a share class, a mask, or nothing (a tag for something else). */
function tagged(directive: ConstDirectiveNode, where: string, faults: string[]): DirectiveRequirement | undefined {
  const tag = String(argument(directive, 'name'));
  if (tag.startsWith(SHARE_TAG)) {
    const shareClass = tag.slice(SHARE_TAG.length);
    if (SHARE_CLASSES.has(shareClass)) return { authenticated: false, shareClass: shareClass as ShareClass };
    faults.push(`@${directive.name.value}(name: "${tag}") on ${where}: unknown share class`);
  } else if (tag.startsWith(MASK_TAG)) {
    const mask = tag.slice(MASK_TAG.length);
    if (Object.hasOwn(MASKS, mask)) return { authenticated: false, mask: mask as MaskKind };
    faults.push(`@${directive.name.value}(name: "${tag}") on ${where}: unknown mask kind`);
  }
  return undefined;
}

/**
 * The requirement the `directives` of `where` (e.g. `Operator.phone`) declare, undefined when they declare none.
 * Malformed arguments are added to `faults` (and declare nothing), so the caller can refuse the schema as a whole.
 * `@requiresScopes` alone leaves `authenticated` false, as in Apollo Router.
 */
export function requirementOfDirectives(
  directives: readonly ConstDirectiveNode[] | undefined,
  where: string,
  faults: string[],
  names: DirectiveNames = STANDARD_DIRECTIVE_NAMES,
): DirectiveRequirement | undefined {
  let requirement: DirectiveRequirement | undefined;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    let declared: DirectiveRequirement | undefined;
    if (name === names.authenticated) {
      declared = { authenticated: true };
    } else if (name === names.requiresScopes || name === names.policy) {
      const key = name === names.requiresScopes ? 'scopes' : 'policies';
      const value = argument(directive, key);
      if (!isListOfLists(value)) {
        faults.push(`@${name} on ${where} needs ${key}: a list of lists of strings`);
        continue;
      }
      declared = { authenticated: false, [key]: value };
    } else if (name === names.tag) {
      declared = tagged(directive, where, faults);
    }
    requirement = bothRequirements(requirement, declared);
  }
  return requirement;
}
