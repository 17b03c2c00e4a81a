import { In, IsNull, type EntityManager } from 'typeorm';
import { insertInChunks, updateInChunks } from '../../../shared/seed/insert';
import type {
  CreditListChange, DeferredWork, EventHandler, EventHandlers, JointMeasureChange,
} from '../../../shared/events/contract';
import { JointMeasure } from '../entities/joint-measure.entity';
import { MarketRegulationMeasure } from '../entities/market-regulation-measure.entity';
import { measuresFor } from '../rules/joint-measures';
import { chinaMidnight } from '../../../shared/calendar/dates';

const AGENCY = 'market-regulation' as const;

/**
 * Market regulation's own measures (no notification-commitment route, higher sampling ratio, on-site inspection)
 * for a listing of any kind the rules name: its own serious and abnormal lists and customs' dishonest findings
 * alike, all through this one path. Each applied or lifted measure is reported back as a JointMeasureChange.
 */
export const applyCreditListChange: EventHandler<'CreditListChange'> = async (event, manager, emit) => {
  const change: CreditListChange = event.payload;
  const repo = manager.getRepository(MarketRegulationMeasure);
  if (change.action === 'LISTED') {
    const { rulesVersion, measures } = measuresFor(change.kind, change.effectiveOn);
    for (const rule of measures) {
      const key = {
        operatorUscc: change.operatorUscc, kind: rule.kind, basisListKind: change.kind, basisDecisionNumber: change.decisionNumber,
      };
      // The transport applies an event once; a second listing event with the same decision changes nothing either.
      if (await repo.existsBy(key)) continue;
      await repo.insert({ ...key, matters: rule.matters, startsOn: change.effectiveOn, liftedOn: null, liftDecisionNumber: null, rulesVersion });
      await emit('JointMeasureChange', {
        agency: AGENCY, operatorUscc: change.operatorUscc, kind: rule.kind, matters: rule.matters,
        basis: { listKind: change.kind, decisionNumber: change.decisionNumber },
        action: 'APPLIED', at: chinaMidnight(change.effectiveOn),
      } satisfies JointMeasureChange);
    }
    return;
  }
  const standing = await repo.find({
    where: {
      operatorUscc: change.operatorUscc, basisListKind: change.kind, basisDecisionNumber: change.listingDecisionNumber, liftedOn: IsNull(),
    },
    order: { id: 'ASC' },
  });
  for (const measure of standing) {
    await repo.update({ id: measure.id }, { liftedOn: change.effectiveOn, liftDecisionNumber: change.decisionNumber });
    await emit('JointMeasureChange', {
      agency: AGENCY, operatorUscc: measure.operatorUscc, kind: measure.kind, matters: measure.matters,
      basis: { listKind: measure.basisListKind, decisionNumber: measure.basisDecisionNumber },
      action: 'LIFTED', at: chinaMidnight(change.effectiveOn),
    } satisfies JointMeasureChange);
  }
};

/** Operators per statement when reading the joint measures a delivery touches. */
const CHUNK = 500;

type JointMeasureKey = Pick<JointMeasure, 'agency' | 'operatorUscc' | 'kind' | 'basisListKind' | 'basisDecisionNumber'>;

/**
 * The JointMeasureChange events of one transaction, recorded together once the last of them was handled: one read of
 * the rows they touch, the changes applied in the events' order in memory, then one write per chunk. Nothing else the
 * consumer applies reads `joint_measure`, so the result is the one recording them one by one would leave.
 */
class PendingJointMeasures implements DeferredWork {
  private readonly changes: { change: JointMeasureChange; at: Date }[] = [];

  constructor(private readonly manager: EntityManager) {}

  add(change: JointMeasureChange, at: Date): void {
    this.changes.push({ change, at });
  }

  async flush(): Promise<void> {
    const keyOf = (k: JointMeasureKey) => [k.agency, k.operatorUscc, k.kind, k.basisListKind, k.basisDecisionNumber].join('\0');
    const usccs = [...new Set(this.changes.map((c) => c.change.operatorUscc))];
    const rows = new Map<string, Partial<JointMeasure> & { appliedAt: Date; liftedAt: Date | null }>();
    const dirty = new Set<string>();
    for (let i = 0; i < usccs.length; i += CHUNK) {
      for (const row of await this.manager.find(JointMeasure, { where: { operatorUscc: In(usccs.slice(i, i + CHUNK)) } })) rows.set(keyOf(row), row);
    }
    for (const { change, at } of this.changes) {
      const key: JointMeasureKey = {
        agency: change.agency, operatorUscc: change.operatorUscc, kind: change.kind,
        basisListKind: change.basis.listKind, basisDecisionNumber: change.basis.decisionNumber,
      };
      const k = keyOf(key);
      const row = rows.get(k);
      if (change.action === 'APPLIED') {
        if (!row) rows.set(k, { ...key, matters: change.matters, appliedAt: at, liftedAt: null });
        else if (at < row.appliedAt) row.appliedAt = at;
        else continue;
      } else if (!row) rows.set(k, { ...key, matters: change.matters, appliedAt: at, liftedAt: at });
      // A measure ends at its first end: a term reported in advance (finance's period, commerce's alert) gives way to an
      // earlier removal.
      else if (row.liftedAt === null || at < row.liftedAt) row.liftedAt = at < row.appliedAt ? row.appliedAt : at;
      else continue;
      dirty.add(k);
    }
    const written = [...dirty].map((k) => rows.get(k)!);
    await updateInChunks(this.manager, JointMeasure, written.filter((r) => r.id !== undefined), ['appliedAt', 'liftedAt']);
    await insertInChunks(this.manager, JointMeasure, written.filter((r) => r.id === undefined));
  }
}

/**
 * Every agency's feedback (market regulation's own included) into `joint_measure`, which serves
 * Operator.jointMeasures and Operator.restrictions. One row per agency, operator, kind and basis, so a repeated
 * report changes nothing; a LIFTED that overtakes its APPLIED still leaves the measure lifted; of two ends, the first
 * counts. Checked at once; recorded with the delivery's other JointMeasureChange events (PendingJointMeasures).
 */
export const recordJointMeasureChange: EventHandler<'JointMeasureChange'> = async (event, manager, _emit, context) => {
  const change = event.payload;
  // An agency reports only its own measures; platforms' reports reach the bus through the agency that recorded them.
  if (change.agency !== event.sourceAgency && !change.agency.startsWith('platform:')) {
    throw new Error(`JointMeasureChange ${event.id} from ${event.sourceAgency} reports a measure of ${change.agency}`);
  }
  const at = new Date(change.at);
  if (Number.isNaN(at.getTime())) throw new Error(`JointMeasureChange ${event.id} has an invalid time "${change.at}"`);
  context.deferred('market-regulation:joint-measures', () => new PendingJointMeasures(manager)).add(change, at);
};

export const marketRegulationEventHandlers: EventHandlers = {
  CreditListChange: applyCreditListChange,
  JointMeasureChange: recordJointMeasureChange,
};
