import { randomUUID } from 'node:crypto';
import { decodeEnvelope } from '../../../shared/events/jetstream-bus';
import { EVENT_TYPES } from '../../../shared/events/contract';

describe('events read back from NATS JetStream', () => {
  it('knows every type of the contract, credit signals, objections, repair decisions and qualifications included', () => {
    expect([...EVENT_TYPES].sort()).toEqual([
      'CreditListChange', 'CreditRepairDecision', 'CreditSignalChange', 'JointMeasureChange', 'ObjectionChange', 'QualificationChange', 'Referral',
    ]);
  });

  it.each([...EVENT_TYPES])('accepts a %s envelope', (type) => {
    const envelope = { id: randomUUID(), type, sourceAgency: 'finance', sequence: 3, occurredAt: '2026-11-30T00:00:00Z', payload: { x: 1 } };
    expect(decodeEnvelope(JSON.stringify(envelope))).toEqual(envelope);
  });

  it('refuses what is not an event of this system', () => {
    const envelope = { id: randomUUID(), type: 'Unknown', sourceAgency: 'finance', sequence: 3, occurredAt: '2026-11-30T00:00:00Z', payload: {} };
    expect(decodeEnvelope(JSON.stringify(envelope))).toBeNull();
    expect(decodeEnvelope('not json')).toBeNull();
  });
});
