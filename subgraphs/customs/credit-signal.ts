import { In, IsNull } from 'typeorm';
import { chinaMidnight, chinaToday } from '../../shared/calendar/dates';
import { createCreditSignalPublisher } from '../../shared/credit-signal/publish';
import {
  type CreditEvidence, type CreditSignal, type DeriveCreditSignals, earliest, type FactorCatalogue, signalOf, byOperator,
} from '../../shared/credit-signal/signal';
import { CustomsCreditRating } from './entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from './entities/customs-dishonesty-finding.entity';
import { CustomsPenalty } from './entities/customs-penalty.entity';
import { creditLevelInEffect, dishonestyFindingInForce } from './rules/credit-rules';
import { CUSTOMS_EVIDENCE_KINDS, SIGNALLED_CREDIT_LEVELS } from './rules/credit-signal';
import { penaltyInPublicity, penaltyPublicity } from './rules/penalty-publicity';

/** Customs' factors, in display order; the assessment model in market regulation weighs them by code. */
export const CUSTOMS_CREDIT_SIGNAL_FACTORS: FactorCatalogue = [
  { code: 'CUS_ADVANCED_CERTIFIED', label: 'Customs credit level in force: advanced certified enterprise (高级认证企业)' },
  { code: 'CUS_CERTIFIED', label: 'Customs credit level in force: certified enterprise (认证企业)' },
  { code: 'CUS_DISHONEST', label: 'Customs credit level in force: dishonest enterprise (失信企业)' },
  { code: 'CUS_SERIOUSLY_DISHONEST', label: 'Customs credit level in force: seriously dishonest enterprise (严重失信企业)' },
  { code: 'CUS_PENALTIES', label: 'Customs administrative penalties within their publicity period (海关行政处罚; 3 years after smuggling, 1 year after other decisions)' },
  { code: 'CUS_DISHONESTY_FINDINGS', label: 'Customs dishonesty findings in force (失信企业认定)' },
];

/** When the China day `isoDate` begins: a change dated that day takes effect then. */
function startOf(isoDate: string): Date {
  return new Date(chinaMidnight(isoDate));
}

/**
 * Customs' signals of `usccs`: three statements whatever their number (ratings, penalties, findings). Levels,
 * publicity and findings in force are judged on today's China date by the same rules the graph's fields use.
 */
export const deriveCustomsCreditSignals: DeriveCreditSignals = async (manager, usccs, now) => {
  const signals = new Map<string, CreditSignal>();
  if (usccs.length === 0) return signals;
  // Records withdrawn on an accepted objection (异议) are kept but never counted.
  const where = { operatorUscc: In([...usccs]), withdrawnOn: IsNull() };
  // One after another: inside a write's transaction the manager has a single connection.
  const ratings = await manager.find(CustomsCreditRating, { where, order: { effectiveOn: 'ASC', id: 'ASC' } });
  const penalties = await manager.find(CustomsPenalty, { where, order: { decidedOn: 'DESC', id: 'DESC' } });
  const findings = await manager.find(CustomsDishonestyFinding, { where, order: { foundOn: 'DESC', id: 'DESC' } });
  const ratingsOf = byOperator(ratings);
  const penaltiesOf = byOperator(penalties);
  const findingsOf = byOperator(findings);
  const today = chinaToday(now);

  for (const uscc of usccs) {
    const found: Record<string, { value: number; evidence: CreditEvidence[] }> = {};
    // Moments (China dates) at which time alone changes a factor.
    const changes: string[] = [];

    const operatorRatings = ratingsOf.get(uscc) ?? [];
    const { level, rating } = creditLevelInEffect(operatorRatings, today);
    for (const [code, signalled] of Object.entries(SIGNALLED_CREDIT_LEVELS)) {
      if (level === signalled && rating) {
        found[code] = { value: 1, evidence: [{ kind: CUSTOMS_EVIDENCE_KINDS.RATING, id: String(rating.id) }] };
      }
    }
    changes.push(...operatorRatings.filter((r) => r.effectiveOn > today).map((r) => r.effectiveOn));

    const publicised = (penaltiesOf.get(uscc) ?? []).filter((p) => {
      if (p.decidedOn > today) changes.push(p.decidedOn);
      return penaltyInPublicity(p, today);
    });
    changes.push(...publicised.map((p) => penaltyPublicity(p).publicUntil));
    found.CUS_PENALTIES = {
      value: publicised.length,
      evidence: publicised.map((p) => ({ kind: CUSTOMS_EVIDENCE_KINDS.PENALTY, id: String(p.id) })),
    };

    const standing = (findingsOf.get(uscc) ?? []).filter((f) => {
      if (f.foundOn > today) changes.push(f.foundOn);
      else if (f.removedOn && f.removedOn > today) changes.push(f.removedOn);
      return dishonestyFindingInForce(f, today);
    });
    found.CUS_DISHONESTY_FINDINGS = {
      value: standing.length,
      evidence: standing.map((f) => ({ kind: CUSTOMS_EVIDENCE_KINDS.DISHONESTY_FINDING, id: String(f.id) })),
    };

    signals.set(uscc, signalOf('customs', uscc, now, CUSTOMS_CREDIT_SIGNAL_FACTORS, found, earliest(...changes.map(startOf))));
  }
  return signals;
};

/** Publishes customs' signals through its outbox (after writes, on seed, and when a publicity period ends). */
export const customsCreditSignals = createCreditSignalPublisher({ agency: 'customs', derive: deriveCustomsCreditSignals });
