import { ConfigError, loadConfig } from '../../../shared/config/config';

describe('configuration', () => {
  it('defaults to the embedded deployment of the contract', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphs['market-regulation']).toMatchObject({ port: 4001, url: 'http://localhost:4001/graphql' });
    expect(config.subgraphs.postal.port).toBe(4005);
    expect(config.subgraphs.commerce.databaseUrl).toBeUndefined();
    expect(config.seedOperators).toBe(500);
  });

  it('reads per-agency database URLs, ports and subgraph URLs', () => {
    const config = loadConfig({
      MARKET_REGULATION_DATABASE_URL: 'postgres://ocg@db:5432/market_regulation',
      CUSTOMS_PORT: '5003',
      FINANCE_URL: 'http://finance:4004/graphql',
    });
    expect(config.subgraphs['market-regulation'].databaseUrl).toBe('postgres://ocg@db:5432/market_regulation');
    expect(config.subgraphs.customs.port).toBe(5003);
    expect(config.subgraphs.finance.url).toBe('http://finance:4004/graphql');
  });

  it('refuses invalid values and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ COMMERCE_DATABASE_URL: 'mysql://x' })).toThrow(/COMMERCE_DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });
});
