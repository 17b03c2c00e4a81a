import {
  ConstDirectiveNode, DefinitionNode, DocumentNode, Kind, parse, print, SchemaDefinitionNode, valueFromASTUntyped, visit,
} from 'graphql';

/** What a field demands of its caller, as declared by `@authenticated`, `@requiresScopes` and `@policy`. */
export interface FieldRequirement {
  authenticated: boolean;
  /** Any one inner list must be held in full (OR of ANDs), as in Apollo Router. */
  scopes?: string[][];
  policies?: string[][];
  /** The share class from `@tag(name: "share:<CLASS>")`. */
  shareClass?: string;
}

/** `Type.field` → requirement, for every field that declares one. */
export type RequirementIndex = ReadonlyMap<string, FieldRequirement>;

const SECURITY_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'policy']);
const SECURITY_SCALARS = new Set(['requiresScopes__Scope', 'policy__Policy']);

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

/** Reads the authorization directives of every object and interface field of the supergraph. */
export function readSecurityRequirements(supergraphSdl: string | DocumentNode): RequirementIndex {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const index = new Map<string, FieldRequirement>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) continue;
    for (const field of definition.fields ?? []) {
      const requirement: FieldRequirement = { authenticated: false };
      let declared = false;
      for (const directive of field.directives ?? []) {
        const name = directive.name.value;
        if (name === 'authenticated') {
          requirement.authenticated = true;
          declared = true;
        } else if (name === 'requiresScopes') {
          requirement.scopes = argument(directive, 'scopes') as string[][];
          declared = true;
        } else if (name === 'policy') {
          requirement.policies = argument(directive, 'policies') as string[][];
          declared = true;
        } else if (name === 'tag') {
          const tag = String(argument(directive, 'name'));
          if (tag.startsWith('share:')) {
            requirement.shareClass = tag.slice('share:'.length);
            declared = true;
          }
        }
      }
      if (declared) index.set(`${definition.name.value}.${field.name.value}`, requirement);
    }
  }
  return index;
}

function isSecurityLink(directive: ConstDirectiveNode): boolean {
  if (directive.name.value !== 'link') return false;
  const purpose = directive.arguments?.find((a) => a.name.value === 'for');
  return purpose?.value.kind === Kind.ENUM && purpose.value.value === 'SECURITY';
}

/**
 * Apollo Gateway refuses supergraphs that link SECURITY features it does not implement. The gateway enforces
 * those directives itself (see authorization-plugin.ts), so Apollo Gateway gets a copy without them.
 */
export function stripSecurityDirectives(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const stripped = visit(document, {
    Directive(node) {
      return SECURITY_DIRECTIVES.has(node.name.value) ? null : undefined;
    },
    SchemaDefinition(node: SchemaDefinitionNode) {
      return { ...node, directives: node.directives?.filter((d) => !isSecurityLink(d)) };
    },
  });
  const definitions = stripped.definitions.filter((definition: DefinitionNode) => {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) return !SECURITY_DIRECTIVES.has(definition.name.value);
    if (definition.kind === Kind.SCALAR_TYPE_DEFINITION) return !SECURITY_SCALARS.has(definition.name.value);
    return true;
  });
  return print({ ...stripped, definitions });
}
