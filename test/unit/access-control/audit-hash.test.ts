import { canonicalize, chainHash, GENESIS_HASH } from '../../../shared/access-control/audit-hash';

const base = {
  sequence: 7,
  at: new Date('2026-03-01T08:00:00.123Z'),
  requestId: 'req-1',
  subject: 'bank-1',
  role: 'evaluator',
  agency: null,
  operatorUscc: '91440101MA5CJQ4N59',
  subgraph: 'finance',
  fields: '["Operator.a","Operator.b"]',
  purpose: 'loan',
};

describe('audit hash', () => {
  it('is a sha256 hex over prevHash and the canonical record, stable across runs', () => {
    const h = chainHash(GENESIS_HASH, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...base, at: new Date(base.at.getTime()) })).toBe(h);
    expect(canonicalize(base)).toBe(
      '["ocg-audit-v1",7,"2026-03-01T08:00:00.123Z","req-1","bank-1","evaluator",null,"91440101MA5CJQ4N59","finance","[\\"Operator.a\\",\\"Operator.b\\"]","loan"]',
    );
  });

  it('changes when any column or the previous hash changes', () => {
    const h = chainHash(GENESIS_HASH, base);
    const variants = [
      { sequence: 8 },
      { at: new Date(base.at.getTime() + 1) },
      { requestId: 'req-2' },
      { subject: null },
      { role: 'agency' },
      { agency: 'customs' },
      { operatorUscc: '91440101MA5CJQ4N60' },
      { subgraph: 'postal' },
      { fields: '["Operator.a"]' },
      { purpose: '' },
    ];
    for (const v of variants) expect(chainHash(GENESIS_HASH, { ...base, ...v })).not.toBe(h);
    expect(chainHash('f'.repeat(64), base)).not.toBe(h);
  });

  it('cannot be fooled by moving text between columns', () => {
    const a = chainHash(GENESIS_HASH, { ...base, requestId: 'a","b', subject: 'c' });
    const b = chainHash(GENESIS_HASH, { ...base, requestId: 'a', subject: 'b","c' });
    expect(a).not.toBe(b);
    // an empty subject is not an absent one
    expect(chainHash(GENESIS_HASH, { ...base, subject: '' })).not.toBe(chainHash(GENESIS_HASH, { ...base, subject: null }));
  });

  it('does not throw on an unparseable timestamp (it just does not match)', () => {
    expect(chainHash(GENESIS_HASH, { ...base, at: new Date('garbage') })).not.toBe(chainHash(GENESIS_HASH, base));
  });
});
