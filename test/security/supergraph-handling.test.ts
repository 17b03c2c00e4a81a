import { readSecurityRequirements, stripSecurityDirectives } from '../../gateway/authorization/supergraph-security';
import { composeTiny, startTinyFederation, TinyFederation, TinySubgraph } from '../support/tiny-federation';

/**
 * Issue 7 item 11: the gateway hands Apollo Gateway the supergraph without exactly the three authorization
 * specs (so @inaccessible keeps working), and enforces authorization directives placed on types.
 */
jest.setTimeout(15_000);

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5"';
const SHOPS: TinySubgraph = {
  name: 'shops',
  sdl: `${FEDERATION}, import: ["@key", "@inaccessible", "@authenticated", "@requiresScopes"])
    type Query {
      shop(id: ID!): Shop
      secretNote: SecretNote
      grade: Grade
      fee: Fen
      anything: Thing
    }
    type Shop @key(fields: "id") {
      id: ID!
      name: String!
      internalCode: String @inaccessible
      ledger: Ledger
    }
    type Ledger @requiresScopes(scopes: [["gov:shared"]]) { total: Int currency: String }
    type SecretNote @authenticated { text: String }
    type Sticker { label: String }
    union Thing = Ledger | Sticker
    enum Grade @authenticated { A B }
    scalar Fen @requiresScopes(scopes: [["admin"]])`,
  resolvers: {
    Query: {
      shop: (_: unknown, { id }: { id: string }) => ({ id, name: `Shop ${id}`, internalCode: 'X-1', ledger: { total: 42, currency: 'CNY' } }),
      secretNote: () => ({ text: 'hush' }),
      grade: () => 'A',
      fee: () => '1200',
      anything: () => ({ __typename: 'Ledger', total: 7, currency: 'CNY' }),
    },
    Thing: { __resolveType: (value: { __typename: string }) => value.__typename },
  },
};
const REVIEWS: TinySubgraph = {
  name: 'reviews',
  sdl: `${FEDERATION}, import: ["@key", "@inaccessible"])
    type Shop @key(fields: "id") { id: ID! rating: Int secretRating: Int @inaccessible }`,
  resolvers: {
    Shop: { __resolveReference: (shop: { id: string }) => ({ id: shop.id, rating: 4, secretRating: 1 }) },
  },
};
const supergraph = composeTiny([SHOPS, REVIEWS]);

const codes = (res: { errors?: { extensions?: Record<string, unknown>; path?: unknown[] }[] }) =>
  (res.errors ?? []).map((e) => `${(e.path ?? []).join('.')}:${e.extensions?.code}`).sort();

/** The composed supergraph with the authorization specs imported under other names. */
function withRenamedImports(sdl: string): string {
  const renamed = sdl
    .replace(/@requiresScopes\b/g, '@scopes')
    .replace(/requiresScopes__Scope/g, 'ScopeName')
    .replace(/@authenticated\b/g, '@signedIn')
    .replace(
      '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
      '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY, import: [{name: "@requiresScopes", as: "@scopes"}, {name: "Scope", as: "ScopeName"}])',
    )
    .replace('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)', '@link(url: "https://specs.apollo.dev/authenticated/v0.1", as: "signedIn", for: SECURITY)');
  if (!renamed.includes('as: "@scopes"') || !renamed.includes('as: "signedIn"') || /@requiresScopes\(|@authenticated\b/.test(renamed)) {
    throw new Error('rename failed');
  }
  return renamed;
}

describe('supergraph handed to Apollo Gateway', () => {
  it('loses exactly the three authorization specs and keeps @inaccessible, @join and @link', () => {
    expect(supergraph).toContain('https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY');
    const stripped = stripSecurityDirectives(supergraph);
    expect(stripped).not.toMatch(/authenticated|requiresScopes/);
    expect(stripped).toContain('@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)');
    expect(stripped).toMatch(/internalCode: String @join__field\(graph: SHOPS\) @inaccessible|internalCode: String @inaccessible/);
    expect(stripped).toContain('directive @inaccessible');
    expect(stripped).toContain('@link(url: "https://specs.apollo.dev/join/v0.');
  });

  it('matches the specs by link URL and imported names, not by literal directive names', () => {
    const renamed = withRenamedImports(supergraph);
    const stripped = stripSecurityDirectives(renamed);
    expect(stripped).not.toMatch(/@scopes|ScopeName|@signedIn|requiresScopes|authenticated/);
    expect(stripped).toContain('@inaccessible');
    // The same requirements are read under the renamed directives.
    expect(readSecurityRequirements(renamed)).toEqual(readSecurityRequirements(supergraph));
    expect(readSecurityRequirements(renamed).get('Ledger.total')).toEqual({ authenticated: false, scopes: [['gov:shared']] });
  });

  it('keeps a directive that merely shares a name with an authorization spec but is not linked from it', () => {
    const foreign = supergraph
      .replace('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)', '@link(url: "https://specs.apollo.dev/authenticated/v0.1", as: "signedIn", for: SECURITY)')
      .replace(/@authenticated\b/g, '@signedIn')
      .replace('type Sticker', 'directive @authenticated on FIELD_DEFINITION\n\ntype Sticker')
      .replace('label: String', 'label: String @authenticated');
    const stripped = stripSecurityDirectives(foreign);
    expect(stripped).toContain('directive @authenticated on FIELD_DEFINITION');
    expect(stripped).toMatch(/label: String[^\n]*@authenticated/);
    expect(readSecurityRequirements(foreign).has('Sticker.label')).toBe(false);
  });
});

describe('the gateway over a small composed supergraph', () => {
  let f: TinyFederation;
  beforeAll(async () => {
    f = await startTinyFederation([SHOPS, REVIEWS], supergraph);
  });
  afterAll(async () => {
    await f?.stop();
  });
  beforeEach(() => {
    f.fetches.length = 0;
  });

  it('refuses @inaccessible fields as unknown (GRAPHQL_VALIDATION_FAILED) and serves their siblings', async () => {
    for (const field of ['internalCode', 'secretRating']) {
      const res = await f.query(`{ shop(id: "1") { name ${field} } }`);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toContain(field);
    }
    expect(f.fetches).toEqual([]);
    const ok = await f.query('{ shop(id: "1") { id name rating } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ shop: { id: '1', name: 'Shop 1', rating: 4 } });
    // Introspection is for admins outside development; it must not list the inaccessible fields either.
    const type = await f.query('{ __type(name: "Shop") { fields { name } } }', undefined, await f.as({ role: 'admin' }));
    expect(type.data?.__type.fields.map((x: { name: string }) => x.name).sort()).toEqual(['id', 'ledger', 'name', 'rating']);
  });

  it('enforces a type-level directive on every field returning the type (objects, enums, scalars)', async () => {
    const query = '{ shop(id: "1") { name ledger { total } } secretNote { text } grade fee }';
    const anonymous = await f.query(query);
    expect(codes(anonymous)).toEqual([
      'fee:UNAUTHORIZED_FIELD_OR_TYPE',
      'grade:UNAUTHORIZED_FIELD_OR_TYPE',
      'secretNote:UNAUTHORIZED_FIELD_OR_TYPE',
      'shop.ledger:UNAUTHORIZED_FIELD_OR_TYPE',
    ]);
    expect(anonymous.data).toEqual({ shop: { name: 'Shop 1', ledger: null }, secretNote: null, grade: null, fee: null });

    const agency = await f.query(query, {}, await f.as({ role: 'agency', agency: 'customs' }));
    expect(codes(agency)).toEqual(['fee:UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(agency.data).toEqual({ shop: { name: 'Shop 1', ledger: { total: 42 } }, secretNote: { text: 'hush' }, grade: 'A', fee: null });

    const admin = await f.query(query, {}, await f.as({ role: 'admin' }));
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.fee).toBe('1200');
  });

  it('enforces a type-level directive on every field of the type, wherever the object is reached', async () => {
    const query = '{ anything { __typename ... on Ledger { total currency } } }';
    const anonymous = await f.query(query);
    expect(codes(anonymous)).toEqual(['anything.currency:UNAUTHORIZED_FIELD_OR_TYPE', 'anything.total:UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(anonymous.data).toEqual({ anything: { __typename: 'Ledger', total: null, currency: null } });
    const agency = await f.query(query, {}, await f.as({ role: 'agency', agency: 'customs' }));
    expect(agency.errors).toBeUndefined();
    expect(agency.data).toEqual({ anything: { __typename: 'Ledger', total: 7, currency: 'CNY' } });
  });
});

describe('a supergraph with renamed authorization imports', () => {
  let f: TinyFederation;
  beforeAll(async () => {
    f = await startTinyFederation([SHOPS, REVIEWS], withRenamedImports(supergraph));
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('is enforced the same, and @inaccessible still holds', async () => {
    const res = await f.query('{ shop(id: "1") { name ledger { total } } secretNote { text } }');
    expect(codes(res)).toEqual(['secretNote:UNAUTHORIZED_FIELD_OR_TYPE', 'shop.ledger:UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(res.data).toEqual({ shop: { name: 'Shop 1', ledger: null }, secretNote: null });
    const hidden = await f.query('{ shop(id: "1") { internalCode } }');
    expect(hidden.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('a supergraph the gateway cannot enforce', () => {
  it.each([
    [
      'a directive on a union',
      (sdl: string) => sdl.replace(/union Thing([^=]*)=/, 'union Thing$1 @requiresScopes(scopes: [["admin"]]) ='),
      /@requiresScopes on UnionTypeDefinition Thing/,
    ],
    [
      'a directive on an argument',
      (sdl: string) => sdl.replace('shop(id: ID!)', 'shop(id: ID! @authenticated)'),
      /@authenticated on InputValueDefinition shop\.id/,
    ],
    [
      'an authorization spec version it does not implement',
      (sdl: string) => sdl.replace('https://specs.apollo.dev/policy/v0.1', 'https://specs.apollo.dev/policy/v0.9')
        .replace('@link(url: "https://specs.apollo.dev/authenticated/v0.1"', '@link(url: "https://specs.apollo.dev/authenticated/v0.2"'),
      /authenticated\/v0\.2 \(the gateway enforces v0\.1\)/,
    ],
    [
      'malformed scopes',
      (sdl: string) => sdl.replace('@requiresScopes(scopes: [["admin"]])', '@requiresScopes(scopes: ["admin"])'),
      /@requiresScopes on type Fen needs scopes: a list of lists of strings/,
    ],
  ])('refuses to start on %s, naming it', async (_name, edit, message) => {
    const edited = edit(supergraph);
    expect(edited).not.toBe(supergraph);
    expect(() => readSecurityRequirements(edited)).toThrow(message);
    await expect(startTinyFederation([SHOPS, REVIEWS], edited)).rejects.toThrow(/cannot enforce this supergraph's authorization/);
  });
});
