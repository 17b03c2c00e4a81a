import { In, Not, type DataSource, type EntityManager } from 'typeorm';
import { chinaToday } from '../../shared/calendar/dates';
import { AGENCIES } from '../../shared/config/agencies';
import { lockAllForWrite } from '../../shared/database/duplicates';
import { runInBackground } from '../../shared/database/query-counter';
import type { DeferredWork, EventEnvelope, EventHandler } from '../../shared/events/contract';
import type { BackgroundWork, BackgroundWorkOptions } from '../../shared/subgraph/definition';
import { CreditAssessment, type CreditAssessmentFactor } from './entities/credit-assessment.entity';
import { Operator } from './entities/operator.entity';
import { ReceivedCreditSignal } from './entities/received-credit-signal.entity';
import { RiskClassification } from './entities/risk-classification.entity';
import { type CreditAssessmentModel, CREDIT_ASSESSMENT_MODELS, modelInForce, scoreOf } from './rules/credit-assessment';
import { classOfGrade } from './rules/risk-class';
import { periodicWork } from '../../shared/subgraph/background-work';
import { insertInChunks, updateInChunks } from '../../shared/seed/insert';

/** The lock reassessments of one operator take turns on (always taken in sorted order of credit codes). */
const assessmentLock = (uscc: string) => `credit-assessment:${uscc}`;

/** Operators reassessed per batch of the model-version sweep. */
const CHUNK = 500;

const agencyOrder = (agency: string) => AGENCIES.indexOf(agency as (typeof AGENCIES)[number]);

/** The assessment of one operator from the signals held, under `model` (pure: the recompute test uses it too). */
export function assess(signals: readonly ReceivedCreditSignal[], model: CreditAssessmentModel) {
  const ordered = [...signals].sort((a, b) => agencyOrder(a.agency) - agencyOrder(b.agency));
  const held = ordered.flatMap((s) => s.factors.map((f) => ({ ...f, agency: s.agency, asOf: s.asOf })));
  const scored = scoreOf(held, model);
  const factors: CreditAssessmentFactor[] = held.map((f, i) => ({
    agency: f.agency,
    code: f.code,
    label: f.label,
    weight: scored.factors[i].weight,
    value: f.value,
    contribution: scored.factors[i].contribution,
    evidence: f.evidence,
    asOf: f.asOf,
  }));
  return {
    score: scored.score,
    grade: scored.grade,
    modelVersion: model.version,
    factors,
    caps: scored.caps,
    signals: ordered.map((s) => ({ agency: s.agency, asOf: s.asOf })),
  };
}

/** What makes two assessments the same result (time and trigger aside). */
function sameResult(a: Pick<CreditAssessment, 'score' | 'grade' | 'modelVersion' | 'factors'>, b: typeof a): boolean {
  const key = (x: typeof a) =>
    JSON.stringify([x.score, x.grade, x.modelVersion, x.factors.map((f) => [f.agency, f.code, f.value, f.evidence.map((e) => e.id)])]);
  return key(a) === key(b);
}

/**
 * Reassesses registered operators from the signals held, under the model in force at `now`, and derives their risk
 * class for the month (issue 9 parts 2-3). A new assessment row is written only when the result changed. Runs in the
 * caller's transaction, in a fixed number of statements per batch.
 */
export async function reassess(
  manager: EntityManager,
  usccs: readonly string[],
  now: Date,
  trigger: string,
  versions: readonly CreditAssessmentModel[] = CREDIT_ASSESSMENT_MODELS,
): Promise<number> {
  const unique = [...new Set(usccs)].sort();
  if (unique.length === 0) return 0;
  // Two signals about one operator arrive at once (each agency's events are delivered in parallel): their
  // reassessments take turns from here to their commit, so each reads what the other wrote (PostgreSQL advisory locks
  // in a fixed order; SQLite runs one write transaction at a time).
  await lockAllForWrite(manager, unique.map(assessmentLock));
  // One after another: a transaction's statements share one PostgreSQL client, which runs them in turn anyway
  // (pg 9 refuses a query sent while another runs).
  const operators = await manager.find(Operator, { where: { uscc: In(unique) }, select: { uscc: true } });
  const signals = await manager.find(ReceivedCreditSignal, { where: { operatorUscc: In(unique) } });
  const currents = await manager.find(CreditAssessment, { where: { operatorUscc: In(unique), current: true } });
  const model = modelInForce(now, versions);
  const signalsOf = new Map<string, ReceivedCreditSignal[]>();
  for (const s of signals) signalsOf.set(s.operatorUscc, [...(signalsOf.get(s.operatorUscc) ?? []), s]);
  const currentOf = new Map(currents.map((c) => [c.operatorUscc, c]));
  const today = chinaToday(now);
  const month = today.slice(0, 7);
  // The operators whose result changed, each with its new assessment: written in a fixed number of statements.
  const changed: { uscc: string; row: Omit<CreditAssessment, 'id'>; hadCurrent: boolean }[] = [];
  for (const { uscc } of operators) {
    const result = assess(signalsOf.get(uscc) ?? [], model);
    const current = currentOf.get(uscc);
    if (current && sameResult(current, result)) continue;
    const row = { operatorUscc: uscc, current: true, assessedAt: now.toISOString(), trigger: trigger.slice(0, 80), ...result };
    changed.push({ uscc, row, hadCurrent: current !== undefined });
  }
  if (changed.length === 0) return 0;
  const replaced = changed.filter((c) => c.hadCurrent).map((c) => c.uscc);
  if (replaced.length > 0) await manager.update(CreditAssessment, { operatorUscc: In(replaced), current: true }, { current: false });
  await insertInChunks(manager, CreditAssessment, changed.map((c) => c.row));
  const changedUsccs = changed.map((c) => c.uscc);
  const inserted = await manager.find(CreditAssessment, {
    select: { id: true, operatorUscc: true }, where: { operatorUscc: In(changedUsccs), current: true },
  });
  const classes = await manager.find(RiskClassification, { select: { id: true, operatorUscc: true }, where: { operatorUscc: In(changedUsccs), month } });
  const assessmentIdOf = new Map(inserted.map((a) => [a.operatorUscc, Number(a.id)]));
  const classIdOf = new Map(classes.map((c) => [c.operatorUscc, c.id]));
  const updates: Partial<RiskClassification>[] = [];
  const inserts: Partial<RiskClassification>[] = [];
  for (const { uscc, row } of changed) {
    const { riskClass, classificationVersion } = classOfGrade(row.grade, today);
    const classification = {
      class: riskClass, modelVersion: row.modelVersion, score: row.score, classificationVersion,
      classifiedAt: row.assessedAt, assessmentId: assessmentIdOf.get(uscc) ?? null,
    };
    const id = classIdOf.get(uscc);
    if (id !== undefined) updates.push({ id, ...classification });
    else inserts.push({ operatorUscc: uscc, month, ...classification });
  }
  await updateInChunks(manager, RiskClassification, updates, ['class', 'modelVersion', 'score', 'classificationVersion', 'classifiedAt', 'assessmentId']);
  await insertInChunks(manager, RiskClassification, inserts);
  return changed.length;
}

/**
 * The reassessments a transaction's CreditSignalChange events ask for, made once each after the last of them: an
 * operator whose signals from several agencies arrive together is assessed once, from all of them, as of the newest
 * event's signal, i.e. what assessing it after each event would end with. (Only the assessments in between, which
 * the next event of the same delivery replaced at once, are not recorded.)
 */
class PendingReassessments implements DeferredWork {
  /** Per operator, the time and trigger of its last signal in the transaction. */
  private readonly latest = new Map<string, { now: Date; trigger: string }>();

  constructor(private readonly manager: EntityManager) {}

  add(uscc: string, now: Date, trigger: string): void {
    this.latest.set(uscc, { now, trigger });
  }

  async flush(): Promise<void> {
    // Every operator's lock first, in one order, whatever the grouping below: no two deliveries wait in a circle.
    await lockAllForWrite(this.manager, [...this.latest.keys()].sort().map(assessmentLock));
    const groups = new Map<string, { now: Date; trigger: string; usccs: string[] }>();
    for (const [uscc, { now, trigger }] of this.latest) {
      const key = `${now.toISOString()}\0${trigger}`;
      const group = groups.get(key) ?? { now, trigger, usccs: [] };
      group.usccs.push(uscc);
      groups.set(key, group);
    }
    for (const { now, trigger, usccs } of groups.values()) {
      for (let i = 0; i < usccs.length; i += CHUNK) await reassess(this.manager, usccs.slice(i, i + CHUNK), now, trigger);
    }
  }
}

/**
 * The CreditSignalChange events of one transaction, applied together once the last of them was handled: each agency's
 * latest signal per operator is kept (one read for all, one write per chunk), then the operators whose signals changed
 * are reassessed (PendingReassessments). Event by event in their order, the same signals would be kept.
 */
class PendingSignals implements DeferredWork {
  private readonly events: EventEnvelope<'CreditSignalChange'>[] = [];

  constructor(private readonly manager: EntityManager) {}

  add(event: EventEnvelope<'CreditSignalChange'>): void {
    this.events.push(event);
  }

  async flush(): Promise<void> {
    const { manager } = this;
    const key = (uscc: string, agency: string) => `${uscc}\0${agency}`;
    const usccs = [...new Set(this.events.map((e) => e.payload.operatorUscc))];
    const held = new Map<string, ReceivedCreditSignal>();
    for (let i = 0; i < usccs.length; i += CHUNK) {
      const rows = await manager.find(ReceivedCreditSignal, { where: { operatorUscc: In(usccs.slice(i, i + CHUNK)) } });
      for (const row of rows) held.set(key(row.operatorUscc, row.agency), row);
    }
    const kept = new Map<string, Partial<ReceivedCreditSignal>>();
    const reassessments = new PendingReassessments(manager);
    for (const event of this.events) {
      const signal = event.payload;
      const k = key(signal.operatorUscc, signal.agency);
      const before = kept.get(k) ?? held.get(k);
      // A signal older than the one held (by the source's outbox sequence) changes nothing.
      if (before && before.sourceSequence! >= event.sequence) continue;
      kept.set(k, {
        id: held.get(k)?.id, operatorUscc: signal.operatorUscc, agency: signal.agency, sourceSequence: event.sequence,
        eventId: event.id, asOf: signal.asOf, factors: signal.factors,
      });
      // Assessed as of the signal: the newest input decides the model version and the month of the class.
      reassessments.add(signal.operatorUscc, new Date(signal.asOf), `CreditSignalChange ${signal.agency}`);
    }
    const rows = [...kept.values()];
    await updateInChunks(manager, ReceivedCreditSignal, rows.filter((r) => r.id !== undefined), ['sourceSequence', 'eventId', 'asOf', 'factors']);
    await insertInChunks(manager, ReceivedCreditSignal, rows.filter((r) => r.id === undefined).map(({ id: _, ...row }) => row));
    await reassessments.flush();
  }
}

/**
 * Market regulation's consumer of CreditSignalChange (every agency's, its own included): keeps the agency's latest
 * signal and reassesses the operator. A signal older than the one held (by the source's outbox sequence) changes
 * nothing. A signal about an operator market regulation has not registered is kept for when it is. The events a
 * delivery brings together are applied together, after the last of them (PendingSignals): an operator whose signals
 * of several agencies arrive together is assessed once, from all of them.
 */
export const onCreditSignalChange: EventHandler<'CreditSignalChange'> = async (event, manager, _emit, context) => {
  context.deferred('market-regulation:credit-signals', () => new PendingSignals(manager)).add(event);
};

/**
 * Reassesses every operator whose current assessment used another model than the one in force (a new version took
 * effect); one transaction per batch.
 */
export async function reassessOutdated(dataSource: DataSource, now: Date, versions = CREDIT_ASSESSMENT_MODELS): Promise<number> {
  const model = modelInForce(now, versions);
  let count = 0;
  for (;;) {
    const outdated = await dataSource.getRepository(CreditAssessment).find({
      select: { operatorUscc: true },
      where: { current: true, modelVersion: Not(model.version) },
      take: CHUNK,
    });
    if (outdated.length === 0) return count;
    const changed = await dataSource.transaction((m) =>
      reassess(m, outdated.map((o) => o.operatorUscc), now, `model ${model.version} in force`, versions),
    );
    count += changed;
    // Outdated rows that reassessment could not move (an operator no longer registered) must not loop for ever.
    if (changed === 0) return count;
  }
}

/** The model-version sweep as background work: a pass on start, then every `intervalMs`. */
export function startAssessmentSweep(intervalMs: number) {
  return ({ dataSource, log, clock }: BackgroundWorkOptions): Promise<BackgroundWork> =>
    periodicWork(intervalMs, async () => {
      try {
        const n = await runInBackground(() => reassessOutdated(dataSource, clock()));
        if (n) log.info({ reassessed: n }, 'credit assessments moved to the model in force');
      } catch (err) {
        log.error({ err }, 'credit assessment sweep failed');
      }
    });
}
