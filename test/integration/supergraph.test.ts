import fs from 'node:fs';
import { composeSupergraph } from '../../gateway/supergraph/compose';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
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
});
