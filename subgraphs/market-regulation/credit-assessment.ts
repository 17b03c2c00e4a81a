import { In, Not, type DataSource, type EntityManager } from 'typeorm';
import { chinaToday } from '../../shared/calendar/dates';
import { AGENCIES } from '../../shared/config/agencies';
import { lockForWrite } from '../../shared/database/duplicates';
import { runInBackground } from '../../shared/database/query-counter';
import type { EventHandler } from '../../shared/events/contract';
import type { BackgroundWork, BackgroundWorkOptions } from '../../shared/subgraph/definition';
import { CreditAssessment, type CreditAssessmentFactor } from './entities/credit-assessment.entity';
import { Operator } from './entities/operator.entity';
import { ReceivedCreditSignal } from './entities/received-credit-signal.entity';
import { RiskClassification } from './entities/risk-classification.entity';
import { type CreditAssessmentModel, CREDIT_ASSESSMENT_MODELS, modelInForce, scoreOf } from './rules/credit-assessment';
import { classOfGrade } from './rules/risk-class';
import { periodicWork } from '../../shared/subgraph/background-work';

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
 * caller's transaction; a fixed number of statements per batch plus one write per changed operator.
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
  for (const uscc of unique) await lockForWrite(manager, `credit-assessment:${uscc}`);
  const [operators, signals, currents] = await Promise.all([
    manager.find(Operator, { where: { uscc: In(unique) }, select: { uscc: true } }),
    manager.find(ReceivedCreditSignal, { where: { operatorUscc: In(unique) } }),
    manager.find(CreditAssessment, { where: { operatorUscc: In(unique), current: true } }),
  ]);
  const model = modelInForce(now, versions);
  const signalsOf = new Map<string, ReceivedCreditSignal[]>();
  for (const s of signals) signalsOf.set(s.operatorUscc, [...(signalsOf.get(s.operatorUscc) ?? []), s]);
  const currentOf = new Map(currents.map((c) => [c.operatorUscc, c]));
  const today = chinaToday(now);
  const month = today.slice(0, 7);
  let changed = 0;
  for (const { uscc } of operators) {
    const result = assess(signalsOf.get(uscc) ?? [], model);
    const current = currentOf.get(uscc);
    if (current && sameResult(current, result)) continue;
    if (current) await manager.update(CreditAssessment, { operatorUscc: uscc, current: true }, { current: false });
    const row = { operatorUscc: uscc, current: true, assessedAt: now.toISOString(), trigger: trigger.slice(0, 80), ...result };
    const { identifiers } = await manager.insert(CreditAssessment, row);
    const assessmentId = Number(identifiers[0].id);
    const { riskClass, classificationVersion } = classOfGrade(result.grade, today);
    const classification = {
      class: riskClass, modelVersion: result.modelVersion, score: result.score, classificationVersion,
      classifiedAt: row.assessedAt, assessmentId,
    };
    const updated = await manager.update(RiskClassification, { operatorUscc: uscc, month }, classification);
    if (!updated.affected) await manager.insert(RiskClassification, { operatorUscc: uscc, month, ...classification });
    changed++;
  }
  return changed;
}

/**
 * Market regulation's consumer of CreditSignalChange (every agency's, its own included): keeps the agency's latest
 * signal and reassesses the operator. A signal older than the one held (by the source's outbox sequence) changes
 * nothing. A signal about an operator market regulation has not registered is kept for when it is.
 */
export const onCreditSignalChange: EventHandler<'CreditSignalChange'> = async (event, manager) => {
  const signal = event.payload;
  const repo = manager.getRepository(ReceivedCreditSignal);
  const held = await repo.findOneBy({ operatorUscc: signal.operatorUscc, agency: signal.agency });
  if (held && held.sourceSequence >= event.sequence) return;
  const row = {
    operatorUscc: signal.operatorUscc, agency: signal.agency, sourceSequence: event.sequence, eventId: event.id,
    asOf: signal.asOf, factors: signal.factors,
  };
  if (held) await repo.update({ id: held.id }, row);
  else await repo.insert(row);
  // Assessed as of the signal: the newest input decides the model version and the month of the class.
  await reassess(manager, [signal.operatorUscc], new Date(signal.asOf), `CreditSignalChange ${signal.agency}`);
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
