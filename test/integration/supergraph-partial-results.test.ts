import fs from 'node:fs';
import { ConstDirectiveNode, DocumentNode, Kind, ObjectTypeDefinitionNode, parse, TypeNode } from 'graphql';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';

/**
 * The agency whose data an entity cannot exist without. Its own fields on the entity may be non-null
 * (if it is down, there is no entity to show); every other agency's may not. A new entity shared by
 * several subgraphs must be listed here.
 */
const ENTITY_OWNERS: Record<string, string> = { Operator: 'MARKET_REGULATION', Platform: 'COMMERCE' };

const argument = (directive: ConstDirectiveNode, name: string) =>
  directive.arguments?.find((a) => a.name.value === name)?.value;
const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM) ? value.value : undefined;
};
const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/**
 * Fields whose non-null type would let one agency's outage blank data another agency serves: on an entity,
 * a field served by a subgraph other than the owner; a field returning an entity, served by a subgraph other
 * than that entity's owner; and any root query field (each comes from one agency, and a query may mix them).
 */
function fieldsThatAnOutageWouldBlank(supergraph: DocumentNode): string[] {
  const objects = supergraph.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  const graphsOf = (type: ObjectTypeDefinitionNode) =>
    (type.directives ?? []).filter((d) => d.name.value === 'join__type');
  const entities = new Map<string, { owner: string | undefined; keyFields: Set<string> }>();
  const offenders: string[] = [];
  for (const type of objects) {
    const joins = graphsOf(type);
    const keys = joins.map((d) => stringArgument(d, 'key')).filter((k): k is string => k !== undefined);
    if (joins.length > 1 && keys.length > 0) {
      if (!ENTITY_OWNERS[type.name.value]) offenders.push(`${type.name.value} (entity without a declared owner)`);
      entities.set(type.name.value, {
        owner: ENTITY_OWNERS[type.name.value],
        keyFields: new Set(keys.flatMap((k) => k.split(/\s+/))),
      });
    }
  }
  for (const type of objects) {
    const typeGraphs = graphsOf(type).map((d) => stringArgument(d, 'graph') as string);
    const entity = entities.get(type.name.value);
    for (const field of type.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field' && argument(d, 'graph'));
      const servedBy = joins.length
        ? joins.filter((d) => !(argument(d, 'external')?.kind === Kind.BOOLEAN && (argument(d, 'external') as { value: boolean }).value))
            .map((d) => stringArgument(d, 'graph') as string)
        : typeGraphs;
      const name = `${type.name.value}.${field.name.value}`;
      if (type.name.value === 'Query') {
        offenders.push(name);
        continue;
      }
      if (entity && !entity.keyFields.has(field.name.value) && servedBy.some((g) => g !== entity.owner)) {
        offenders.push(name);
        continue;
      }
      const returned = entities.get(namedType(field.type));
      if (returned && servedBy.some((g) => g !== returned.owner)) offenders.push(name);
    }
  }
  return offenders;
}

describe('partial results over the committed supergraph', () => {
  const supergraph = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');

  it("makes every field one agency adds to another's entity nullable, so an outage never blanks the others' data", () => {
    expect(fieldsThatAnOutageWouldBlank(parse(supergraph))).toEqual([]);
  });

  it('keeps the key and the owner’s own fields as they are', () => {
    expect(supergraph).toMatch(/\n {2}uscc: ID! @tag/);
    expect(supergraph).toMatch(/\n {2}name: String! @join__field\(graph: MARKET_REGULATION\)/);
  });

  it('would catch a non-null field added by another agency, a non-null link to the entity, and a non-null root field', () => {
    const broken = supergraph
      .replace('customsCredit: CustomsCredit @join__field(graph: CUSTOMS)', 'customsCredit: CustomsCredit! @join__field(graph: CUSTOMS)')
      .replace(/(\n {2}holder: Operator) @tag/, '$1! @tag')
      .replace(/(platforms\(kind: CommercePlatformKind, after: String, first: Int\): PlatformConnection) @join__field/, '$1! @join__field');
    expect(broken).not.toBe(supergraph);
    expect(fieldsThatAnOutageWouldBlank(parse(broken)).sort()).toEqual(['ExpressPermit.holder', 'Operator.customsCredit', 'Query.platforms']);
  });
});
