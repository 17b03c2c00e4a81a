import { ConstDirectiveNode, DocumentNode, Kind, valueFromASTUntyped } from 'graphql';

/**
 * The features a core schema links with `@link` (https://specs.apollo.dev/link/v1.0), and the names their
 * directives and types carry in this schema: imported names (with `as` renames) or the namespaced defaults
 * (`@<namespace>` for the feature's own directive, `@<namespace>__x` and `<namespace>__T` for the rest).
 */
export interface LinkedFeature {
  /** The `@link` usage on the schema definition or extension. */
  directive: ConstDirectiveNode;
  url: string;
  /** The URL without its version, e.g. `https://specs.apollo.dev/requiresScopes`. */
  identity: string;
  /** e.g. `v0.1`. */
  version: string;
  /** Prefix of the names not imported: `as`, or the feature's name from its URL. */
  namespace: string;
  /** Element (`@directive` or `Type`) → its name in this schema (with `@` for directives). */
  imports: Map<string, string>;
}

const LINK_IDENTITY = 'https://specs.apollo.dev/link';

/** Splits a feature URL into identity, name and version; undefined when it is not a versioned feature URL. */
export function parseFeatureUrl(url: string): { identity: string; name: string; version: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const segments = parsed.pathname.split('/').filter((s) => s.length > 0);
  const version = segments.pop();
  const name = segments[segments.length - 1];
  if (!version || !/^v\d+\.\d+$/.test(version) || !name) return undefined;
  return { identity: `${parsed.origin}/${segments.join('/')}`, name, version };
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

function schemaDirectives(document: DocumentNode): readonly ConstDirectiveNode[] {
  const directives: ConstDirectiveNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      directives.push(...(definition.directives ?? []));
    }
  }
  return directives;
}

/**
 * The name of the `@link` directive itself (a schema may rename it with `as`), found from its own URL;
 * undefined when the document does not link the link spec (plain SDL, not a core schema).
 */
function linkDirectiveName(document: DocumentNode): string | undefined {
  for (const directive of schemaDirectives(document)) {
    const url = argument(directive, 'url');
    if (typeof url !== 'string') continue;
    if (parseFeatureUrl(url)?.identity !== LINK_IDENTITY) continue;
    const as = argument(directive, 'as');
    return typeof as === 'string' ? as : 'link';
  }
  return undefined;
}

/** Every feature linked by the schema; undefined for a document that is not a core schema. */
export function linkedFeatures(document: DocumentNode): LinkedFeature[] | undefined {
  const linkName = linkDirectiveName(document);
  if (!linkName) return undefined;
  const features: LinkedFeature[] = [];
  for (const directive of schemaDirectives(document)) {
    if (directive.name.value !== linkName) continue;
    const url = argument(directive, 'url');
    const parsed = typeof url === 'string' ? parseFeatureUrl(url) : undefined;
    if (!parsed) continue;
    const as = argument(directive, 'as');
    const imports = new Map<string, string>();
    const listed = argument(directive, 'import');
    for (const item of Array.isArray(listed) ? listed : []) {
      if (typeof item === 'string') imports.set(item, item);
      else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
        const { name, as: alias } = item as { name: string; as?: unknown };
        imports.set(name, typeof alias === 'string' ? alias : name);
      }
    }
    features.push({
      directive,
      url: url as string,
      identity: parsed.identity,
      version: parsed.version,
      namespace: typeof as === 'string' ? as : parsed.name,
      imports,
    });
  }
  return features;
}

/** The name (without `@`) a feature's directive has in the schema. */
export function directiveNameIn(feature: LinkedFeature, directive: string, featureName: string): string {
  const imported = feature.imports.get(`@${directive}`);
  if (imported) return imported.replace(/^@/, '');
  return directive === featureName ? feature.namespace : `${feature.namespace}__${directive}`;
}

/** The name a feature's type has in the schema. */
export function typeNameIn(feature: LinkedFeature, type: string): string {
  return feature.imports.get(type) ?? `${feature.namespace}__${type}`;
}
