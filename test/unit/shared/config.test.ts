import { ConfigError, loadConfig } from '../../../shared/config/config';
import { startupFailure } from '../../../shared/config/parse-env';

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

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a whole number between 0 and 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT: must be a whole number between 0 and 65535, got "70000"'],
    [{ MAX_PAGE_SIZE: '1.5' }, 'MAX_PAGE_SIZE: must be a whole number between 1 and 1000, got "1.5"'],
    [{ SEED: 'random' }, 'SEED: must be a whole number, got "random"'],
    [{ CUSTOMS_PORT: '' }, 'CUSTOMS_PORT: must be a whole number between 0 and 65535, got ""'],
    [{ LIMIT_DEPTH: '0', RATE_LIMIT_POINTS: 'lots' }, 'LIMIT_DEPTH: must be a whole number between 1 and 100000000, got "0"'],
  ])('a bad number %j reads as the rule and the value given', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads whole numbers with surrounding spaces and keeps the defaults', () => {
    expect(loadConfig({ PORT: ' 8080 ' }).gatewayPort).toBe(8080);
    expect(loadConfig({}).seed).toBe(20261129);
  });

  it('a service that cannot start for its configuration prints the message, not a stack trace', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc' });
    } catch (err) {
      error = err;
    }
    expect(startupFailure(error)).toBe('failed to start: Invalid configuration: PORT: must be a whole number between 0 and 65535, got "abc"');
    expect(startupFailure(new Error('boom'))).toMatch(/^failed to start: Error: boom\n\s+at /);
  });
});
