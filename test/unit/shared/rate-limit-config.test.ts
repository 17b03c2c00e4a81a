import { loadConfig } from '../../../shared/config/config';
import { clientAddressKey } from '../../../shared/http/rate-limit';

describe('rate limit configuration', () => {
  it('is on by default, with the larger budget for agencies and admins, and trusts no proxy', () => {
    expect(loadConfig({}).rateLimit).toEqual({
      enabled: true,
      points: 600,
      privilegedPoints: 3000,
      windowSeconds: 60,
      keyPrefix: 'ocg:rate-limit',
      trustProxy: false,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      RATE_LIMIT_ENABLED: 'false',
      RATE_LIMIT_POINTS: '5',
      RATE_LIMIT_PRIVILEGED_POINTS: '50',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_KEY_PREFIX: 'edge:rl',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
    }).rateLimit;
    expect(config).toEqual({ enabled: false, points: 5, privilegedPoints: 50, windowSeconds: 10, keyPrefix: 'edge:rl', trustProxy: 'loopback,10.0.0.0/8' });
    expect(loadConfig({ TRUST_PROXY: '1' }).rateLimit.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).rateLimit.trustProxy).toBe(true);
  });

  it.each([
    [{ RATE_LIMIT_POINTS: '0' }, /RATE_LIMIT_POINTS/],
    [{ RATE_LIMIT_PRIVILEGED_POINTS: 'many' }, /RATE_LIMIT_PRIVILEGED_POINTS/],
    [{ RATE_LIMIT_WINDOW_SECONDS: '-1' }, /RATE_LIMIT_WINDOW_SECONDS/],
    [{ RATE_LIMIT_ENABLED: 'yes' }, /RATE_LIMIT_ENABLED/],
    [{ TRUST_PROXY: 'everyone' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('client address keys', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by /64', () => {
    expect(clientAddressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});
