import fs from 'node:fs';
import { composeSupergraph } from '../../gateway/supergraph/compose';
import { buildASTSchema, isNonNullType, isObjectType, parse } from 'graphql';
import { readSecurityRequirements, stripSecurityDirectives } from '../../gateway/authorization/supergraph-security';
import { renderAuthorizationDoc } from '../../gateway/supergraph/authorization-doc';
import { AUTHORIZATION_DOC, COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { AGENCIES } from '../../shared/config/agencies';
import { loadConfig } from '../../shared/config/config';
import { readDeclarations } from '../../shared/auth/field-guard';
import { buildFederatedSchema } from '../../shared/subgraph/build-schema';
import { SUBGRAPHS } from '../../subgraphs/registry';

describe('supergraph', () => {
  it('has all five agency subgraphs', () => {
    expect(SUBGRAPHS.map((s) => s.agency)).toEqual([...AGENCIES]);
  });

  it.each(SUBGRAPHS.map((s) => [s.agency, s] as const))('%s declares the access of every field it serves', async (_agency, definition) => {
    const { schema } = await buildFederatedSchema(definition);
    expect(readDeclarations(schema).undeclared).toEqual([]);
  });

  it('is committed as composed from the current subgraphs (run `npm run compose` when this fails)', async () => {
    const composed = await composeSupergraph(SUBGRAPHS, loadConfig({}));
    expect(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8')).toBe(composed);
  });

  it('has docs/authorization.md generated from the committed supergraph (run `npm run compose` when this fails)', () => {
    const supergraph = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
    expect(fs.readFileSync(AUTHORIZATION_DOC, 'utf8')).toBe(renderAuthorizationDoc(supergraph));
  });

  it('makes every restricted field beside public ones nullable, so a denial never wipes out what the caller may see', () => {
    const supergraph = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
    const requirements = readSecurityRequirements(supergraph);
    const schema = buildASTSchema(parse(stripSecurityDirectives(supergraph)), { assumeValidSDL: true });
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const fields = Object.values(type.getFields());
      const classOf = (f: { name: string }) => requirements.get(`${type.name}.${f.name}`)?.shareClass ?? 'PUBLIC';
      const hasPublic = fields.some((f) => classOf(f) === 'PUBLIC') || type.name === 'Query';
      for (const field of fields) {
        if (hasPublic && classOf(field) !== 'PUBLIC' && classOf(field) !== 'AGENCY_WRITE' && isNonNullType(field.type)) {
          offenders.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
