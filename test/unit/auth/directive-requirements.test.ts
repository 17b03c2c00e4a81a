import { buildSchema, parse } from 'graphql';
import { directivesOf, requirementOf, ShareClass } from '../../../shared/auth/share-class';
import { readDeclarations } from '../../../shared/auth/field-guard';
import { requirementOfDirectives } from '../../../shared/auth/directive-requirements';
import { readSecurityRequirements } from '../../../gateway/authorization/supergraph-security';

/** The directives on `Query.<field>` of a document holding just that query type. */
function directivesOn(fieldSdl: string) {
  const document = parse(`type Query { ${fieldSdl} }`);
  const query = document.definitions[0];
  if (query.kind !== 'ObjectTypeDefinition') throw new Error('no type');
  return query.fields?.[0].directives;
}

function read(fieldSdl: string, names?: Parameters<typeof requirementOfDirectives>[3]) {
  const faults: string[] = [];
  const requirement = requirementOfDirectives(directivesOn(fieldSdl), 'Query.x', faults, names);
  return { requirement, faults };
}

describe('authorization directives, read by the one shared parser', () => {
  it('reads the standard names, share and mask tags together', () => {
    const { requirement, faults } = read(
      'x: String @tag(name: "share:PII") @tag(name: "mask:PHONE") @authenticated @policy(policies: [["own-record"]])',
    );
    expect(faults).toEqual([]);
    expect(requirement).toEqual({ authenticated: true, policies: [['own-record']], shareClass: 'PII', mask: 'PHONE' });
  });

  it('leaves `authenticated` false for @requiresScopes alone, as Apollo Router does', () => {
    expect(read('x: String @requiresScopes(scopes: [["gov:shared"], ["admin"]])').requirement).toEqual({
      authenticated: false,
      scopes: [['gov:shared'], ['admin']],
    });
  });

  it('declares nothing for a field without directives or with tags for other purposes', () => {
    expect(read('x: String').requirement).toBeUndefined();
    expect(read('x: String @tag(name: "internal") @deprecated').requirement).toBeUndefined();
  });

  it('reads directives imported under other names, and no longer the standard ones', () => {
    const renamed = { authenticated: 'signedIn', requiresScopes: 'scoped', policy: 'rule', tag: 'label' };
    const { requirement, faults } = read(
      'x: String @label(name: "share:GOV_SHARED") @scoped(scopes: [["gov:shared"]]) @rule(policies: [["own-record"]]) @signedIn',
      renamed,
    );
    expect(faults).toEqual([]);
    expect(requirement).toEqual({ authenticated: true, scopes: [['gov:shared']], policies: [['own-record']], shareClass: 'GOV_SHARED' });
    expect(read('x: String @requiresScopes(scopes: [["admin"]]) @tag(name: "share:ADMIN")', renamed).requirement).toBeUndefined();
  });

  it('ignores a directive whose spec the schema does not link', () => {
    expect(read('x: String @policy(policies: [["own-record"]])', { tag: 'tag' }).requirement).toBeUndefined();
  });

  it('reports malformed arguments and unknown tags as faults, naming the field', () => {
    const { requirement, faults } = read(
      'x: String @requiresScopes(scopes: ["admin"]) @policy @tag(name: "share:SECRET") @tag(name: "mask:ALL")',
    );
    expect(requirement).toBeUndefined();
    expect(faults).toEqual([
      '@requiresScopes on Query.x needs scopes: a list of lists of strings',
      '@policy on Query.x needs policies: a list of lists of strings',
      '@tag(name: "share:SECRET") on Query.x: unknown share class',
      '@tag(name: "mask:ALL") on Query.x: unknown mask kind',
    ]);
  });

  it('gives the subgraph guard and the gateway the same requirement for what a declaration prints', () => {
    const declared = requirementOf(ShareClass.PII, { mask: 'ID_NUMBER' });
    const sdl = `
      directive @authenticated on FIELD_DEFINITION
      directive @tag(name: String!) repeatable on FIELD_DEFINITION
      type Query { idNumber: String ${directivesOf(declared).join(' ')} }
    `;
    const [subgraph] = readDeclarations(buildSchema(sdl)).declarations;
    expect(subgraph).toEqual({ coordinate: 'Query.idNumber', ...declared });
    expect(readSecurityRequirements(sdl).get('Query.idNumber')).toEqual(declared);
  });

  it('makes the subgraph refuse a schema with a malformed declaration', () => {
    const schema = buildSchema(`
      directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION
      directive @tag(name: String!) repeatable on FIELD_DEFINITION
      type Query { x: String @tag(name: "share:ADMIN") @requiresScopes(scopes: [["admin"]]) y: String @tag(name: "share:ADMN") }
    `);
    expect(() => readDeclarations(schema)).toThrow('@tag(name: "share:ADMN") on Query.y: unknown share class');
  });
});
