import fs from 'node:fs';
import { composeSupergraph } from '../../gateway/supergraph/compose';
import { renderAuthorizationDoc } from '../../gateway/supergraph/authorization-doc';
import { AUTHORIZATION_DOC, COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { AGENCIES } from '../../shared/config/agencies';
import { loadConfig } from '../../shared/config/config';
import { SUBGRAPHS } from '../../subgraphs/registry';

describe('supergraph', () => {
  it('has all five agency subgraphs', () => {
    expect(SUBGRAPHS.map((s) => s.agency)).toEqual([...AGENCIES]);
  });

  it('is committed as composed from the current subgraphs (run `npm run compose` when this fails)', async () => {
    const composed = await composeSupergraph(SUBGRAPHS, loadConfig({}));
    expect(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8')).toBe(composed);
  });

  it('has docs/authorization.md generated from the committed supergraph (run `npm run compose` when this fails)', () => {
    const supergraph = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
    expect(fs.readFileSync(AUTHORIZATION_DOC, 'utf8')).toBe(renderAuthorizationDoc(supergraph));
  });
});
