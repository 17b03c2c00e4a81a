import { ConfigError, loadConfig } from '../../../shared/config/config';

describe('subgraph timeouts', () => {
  it('waits 10 s for every agency unless told otherwise', () => {
    const { subgraphTimeouts } = loadConfig({});
    expect(subgraphTimeouts.defaultMs).toBe(10_000);
    expect(Object.values(subgraphTimeouts.byAgency)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('takes one default for all and an override per agency', () => {
    const { subgraphTimeouts } = loadConfig({ SUBGRAPH_TIMEOUT_MS: '3000', CUSTOMS_TIMEOUT_MS: '1500', MARKET_REGULATION_TIMEOUT_MS: '8000' });
    expect(subgraphTimeouts.byAgency).toEqual({ 'market-regulation': 8000, commerce: 3000, customs: 1500, finance: 3000, postal: 3000 });
  });

  it('refuses a value that is not a positive whole number of milliseconds, naming the variable', () => {
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: 'ten seconds' })).toThrow(ConfigError);
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(/SUBGRAPH_TIMEOUT_MS/);
    expect(() => loadConfig({ POSTAL_TIMEOUT_MS: '-5' })).toThrow(/POSTAL_TIMEOUT_MS/);
    expect(() => loadConfig({ FINANCE_TIMEOUT_MS: '1.5' })).toThrow(/FINANCE_TIMEOUT_MS/);
  });
});
