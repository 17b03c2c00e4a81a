import { loadConfig } from '../../../shared/config/config';
import { checkStandaloneEventBus, EventBusError } from '../../../shared/events/runtime';
import { memoryLogger } from '../auth/helpers';

describe('credit event bus configuration', () => {
  it('defaults to the in-process bus with nothing set (npm start needs nothing new)', () => {
    expect(loadConfig({}).events).toMatchObject({ bus: 'in-process', busChosen: false, natsServers: [], stream: 'CREDIT_EVENTS', subjectPrefix: 'credit' });
  });

  it('uses NATS JetStream when NATS_URL is set', () => {
    const config = loadConfig({ NATS_URL: 'nats://a:4222, nats://b:4222', EVENTS_STREAM: 'CE_1', EVENTS_SUBJECT_PREFIX: 'ocg.credit' });
    expect(config.events).toMatchObject({ bus: 'nats', natsServers: ['nats://a:4222', 'nats://b:4222'], stream: 'CE_1', subjectPrefix: 'ocg.credit' });
  });

  it.each([
    [{ NATS_URL: 'http://nats:4222' }, /NATS_URL/],
    [{ EVENT_BUS: 'nats' }, /EVENT_BUS: `nats` needs NATS_URL/],
    [{ EVENTS_STREAM: 'credit.events' }, /EVENTS_STREAM/],
    [{ EVENTS_SUBJECT_PREFIX: 'credit.>' }, /EVENTS_SUBJECT_PREFIX/],
    [{ EVENTS_RELAY_INTERVAL_MS: '10' }, /EVENTS_RELAY_INTERVAL_MS/],
  ])('refuses %p naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses a production service alone without NATS unless EVENT_BUS=in-process says one process serves everything', () => {
    const { log, lines } = memoryLogger();
    expect(() => checkStandaloneEventBus(loadConfig({ NODE_ENV: 'production' }), log)).toThrow(EventBusError);
    expect(() => checkStandaloneEventBus(loadConfig({ NODE_ENV: 'production' }), log)).toThrow(/Set NATS_URL/);
    expect(() => checkStandaloneEventBus(loadConfig({ NODE_ENV: 'production', EVENT_BUS: 'in-process' }), log)).not.toThrow();
    expect(() => checkStandaloneEventBus(loadConfig({ NODE_ENV: 'production', NATS_URL: 'nats://nats:4222' }), log)).not.toThrow();
    expect(lines.some((l) => l.includes("EVENT_BUS=in-process"))).toBe(true);
  });
});
