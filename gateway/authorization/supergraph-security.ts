import {
  ASTNode, ConstDirectiveNode, DefinitionNode, DocumentNode, FieldDefinitionNode, Kind, parse, print, TypeNode,
  valueFromASTUntyped, visit,
} from 'graphql';
import {
  bothRequirements, DirectiveNames, DirectiveRequirement, requirementOfDirectives, STANDARD_DIRECTIVE_NAMES,
} from '../../shared/auth/directive-requirements';
import { directiveNameIn, LinkedFeature, linkedFeatures, parseFeatureUrl, typeNameIn } from './linked-features';

/** What a field demands of its caller (see shared/auth/directive-requirements.ts). */
export type FieldRequirement = DirectiveRequirement;

/**
 * `Type.field` → requirement, for every field that declares one or is reached through a type that does:
 * the field's own directives AND those on its parent type AND those on the type it returns.
 */
export type RequirementIndex = ReadonlyMap<string, FieldRequirement>;

type AuthorizationKind = 'authenticated' | 'requiresScopes' | 'policy';

/** The three authorization specs the gateway enforces itself, and the elements each defines. */
const AUTHORIZATION_SPECS: { identity: string; kind: AuthorizationKind; types: string[] }[] = [
  { identity: 'https://specs.apollo.dev/authenticated', kind: 'authenticated', types: [] },
  { identity: 'https://specs.apollo.dev/requiresScopes', kind: 'requiresScopes', types: ['Scope'] },
  { identity: 'https://specs.apollo.dev/policy', kind: 'policy', types: ['Policy'] },
];
/** Versions whose semantics the gateway implements; a supergraph linking another one is refused. */
const ENFORCED_VERSIONS = new Set(['v0.1']);
const TAG_IDENTITY = 'https://specs.apollo.dev/tag';

/** The names the authorization specs' directives and scalars carry in one supergraph. */
interface AuthorizationNames {
  /** The local names of the authorization directives and `@tag`, as the shared parser reads them. */
  inUse: DirectiveNames;
  /** Local names of the authorization directives (not `@tag`). */
  directives: Set<string>;
  scalars: Set<string>;
  /** URLs of the `@link`s to remove (matched by identity, any version). */
  linkIdentities: Set<string>;
  linkDirective?: string;
  features: LinkedFeature[];
}

function authorizationNames(document: DocumentNode): AuthorizationNames {
  const features = linkedFeatures(document);
  if (!features) {
    // Plain SDL (no @link): the directives can only be known by their default names.
    return {
      inUse: STANDARD_DIRECTIVE_NAMES,
      directives: new Set(AUTHORIZATION_SPECS.map((s) => s.kind)),
      scalars: new Set(AUTHORIZATION_SPECS.flatMap((s) => s.types.map((t) => `${s.kind}__${t}`))),
      linkIdentities: new Set(),
      features: [],
    };
  }
  const names: AuthorizationNames = {
    inUse: { tag: 'tag' },
    directives: new Set(),
    scalars: new Set(),
    linkIdentities: new Set(AUTHORIZATION_SPECS.map((s) => s.identity)),
    linkDirective: features.find((f) => f.identity === 'https://specs.apollo.dev/link')?.directive.name.value,
    features: [],
  };
  for (const feature of features) {
    if (feature.identity === TAG_IDENTITY) names.inUse.tag = directiveNameIn(feature, 'tag', 'tag');
    const spec = AUTHORIZATION_SPECS.find((s) => s.identity === feature.identity);
    if (!spec) continue;
    names.features.push(feature);
    const local = directiveNameIn(feature, spec.kind, spec.kind);
    names.inUse[spec.kind] = local;
    names.directives.add(local);
    for (const type of spec.types) names.scalars.add(typeNameIn(feature, type));
  }
  return names;
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

const TYPE_LEVEL_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION,
  Kind.SCALAR_TYPE_DEFINITION, Kind.SCALAR_TYPE_EXTENSION, Kind.ENUM_TYPE_DEFINITION, Kind.ENUM_TYPE_EXTENSION,
]);
const FIELD_PARENT_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION,
]);

/** Where an authorization directive sits that the gateway cannot enforce (e.g. on a union or an argument). */
function unenforceableUsages(document: DocumentNode, names: AuthorizationNames): string[] {
  const faults: string[] = [];
  visit(document, {
    Directive(node, _key, _parent, _path, ancestors) {
      if (!names.directives.has(node.name.value)) return;
      const nodes = ancestors.filter((a): a is ASTNode => !Array.isArray(a) && typeof (a as ASTNode).kind === 'string');
      const owner = nodes[nodes.length - 1];
      const grandOwner = nodes[nodes.length - 2];
      if (TYPE_LEVEL_KINDS.has(owner?.kind)) return;
      if (owner?.kind === Kind.FIELD_DEFINITION && grandOwner && FIELD_PARENT_KINDS.has(grandOwner.kind)) return;
      const named = (n: ASTNode | undefined) => (n && 'name' in n && n.name ? `${n.name.value}` : '');
      const where = [named(grandOwner), named(owner)].filter(Boolean).join('.');
      faults.push(`@${node.name.value} on ${owner?.kind ?? 'the document'}${where ? ` ${where}` : ''}`);
    },
  });
  return faults;
}

/**
 * Reads the authorization requirements of every object and interface field of the supergraph, by the names
 * the three authorization specs are linked under. A type-level directive (on an object, interface, scalar or
 * enum) applies to every field returning that type (Apollo Router) and to every field of that type, combined
 * with the field's own. Throws, naming each fault, when the supergraph declares anything the gateway cannot
 * enforce: an unknown spec version, a directive in an unsupported position, or malformed arguments.
 */
export function readSecurityRequirements(supergraphSdl: string | DocumentNode): RequirementIndex {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const names = authorizationNames(document);
  const faults: string[] = [];
  for (const feature of names.features) {
    if (!ENFORCED_VERSIONS.has(feature.version)) {
      faults.push(`${feature.url} (the gateway enforces ${[...ENFORCED_VERSIONS].join(', ')})`);
    }
    // The parser knows one name per directive: a second link's name would be stripped but never enforced.
    if (names.features.filter((f) => f.identity === feature.identity).length > 1) faults.push(`${feature.url} is linked more than once`);
  }
  faults.push(...unenforceableUsages(document, names));

  const typeLevel = new Map<string, FieldRequirement>();
  const fields: { parent: string; field: FieldDefinitionNode }[] = [];
  for (const definition of document.definitions) {
    if (!TYPE_LEVEL_KINDS.has(definition.kind)) continue;
    const typed = definition as Extract<DefinitionNode, { name: { value: string }; directives?: readonly ConstDirectiveNode[] }>;
    const typeName = typed.name.value;
    const authorizationOnly = typed.directives?.filter((d) => names.directives.has(d.name.value));
    const declared = requirementOfDirectives(authorizationOnly, `type ${typeName}`, faults, names.inUse);
    if (declared) typeLevel.set(typeName, bothRequirements(typeLevel.get(typeName), declared) as FieldRequirement);
    if (FIELD_PARENT_KINDS.has(definition.kind)) {
      for (const field of (definition as { fields?: readonly FieldDefinitionNode[] }).fields ?? []) fields.push({ parent: typeName, field });
    }
  }

  const index = new Map<string, FieldRequirement>();
  for (const { parent, field } of fields) {
    const coordinate = `${parent}.${field.name.value}`;
    const own = requirementOfDirectives(field.directives, coordinate, faults, names.inUse);
    const effective = bothRequirements(bothRequirements(own, typeLevel.get(parent)), typeLevel.get(namedTypeOf(field.type)));
    if (effective) index.set(coordinate, effective);
  }
  if (faults.length > 0) {
    throw new Error(`The gateway cannot enforce this supergraph's authorization:\n${faults.map((f) => `- ${f}`).join('\n')}`);
  }
  return index;
}

/**
 * Apollo Gateway refuses supergraphs that link SECURITY features it does not implement. The gateway enforces
 * the three authorization specs itself (see authorization-plugin.ts), so Apollo Gateway gets a copy without
 * exactly those: their `@link`s (by URL, any version), and the directives and scalars they import, under
 * whatever names they were imported as. Every other link and directive stays, `@inaccessible` included.
 */
export function stripSecurityDirectives(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const names = authorizationNames(document);
  const isAuthorizationLink = (node: ConstDirectiveNode) => {
    if (!names.linkDirective || node.name.value !== names.linkDirective) return false;
    const url = argument(node, 'url');
    const identity = typeof url === 'string' ? parseFeatureUrl(url)?.identity : undefined;
    return identity !== undefined && names.linkIdentities.has(identity);
  };
  const stripped = visit(document, {
    Directive(node) {
      return names.directives.has(node.name.value) || isAuthorizationLink(node as ConstDirectiveNode) ? null : undefined;
    },
  });
  const definitions = stripped.definitions.filter((definition: DefinitionNode) => {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) return !names.directives.has(definition.name.value);
    if (definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.SCALAR_TYPE_EXTENSION) {
      return !names.scalars.has(definition.name.value);
    }
    return true;
  });
  return print({ ...stripped, definitions });
}
