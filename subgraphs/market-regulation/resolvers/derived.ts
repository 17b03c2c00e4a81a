import { SeriousDishonestRemovalKind } from '../enums';
import type { AbnormalOperationListing } from '../entities/abnormal-operation-listing.entity';
import type { AdministrativeLicense } from '../entities/administrative-license.entity';
import type { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import type { SeriousDishonestListing } from '../entities/serious-dishonest-listing.entity';
import { MarketRegulationLicenseStatus } from '../enums';
import { abnormalListDates } from '../rules/abnormal-list';
import { addDays, addYears } from '../../../shared/calendar/dates';
import { penaltyPublicity } from '../rules/penalty-publicity';
import { seriousListDates, SERIOUS_LIST_RULES } from '../rules/serious-list';
import { ruleWindows } from '../../../shared/rules/versioned';

/** Derived state of records, shared by field resolvers, mutations and list filters so they always agree. */

/** Publicity by the rules, ended early on the day credit repair was approved (repairedOn). */
export function publicityOf(p: AdministrativePenalty) {
  const pub = penaltyPublicity({
    decidedOn: p.decidedOn,
    categories: p.categories,
    fineFen: p.fineFen,
    confiscatedFen: p.confiscatedFen,
    lawField: p.lawField,
    restrictionUntil: p.restrictionUntil,
  });
  if (p.repairedOn && pub.publicUntil && p.repairedOn < pub.publicUntil) return { ...pub, publicUntil: p.repairedOn };
  return pub;
}

/**
 * Within its publicity period on `today` (published, decided on or before today, publicity not ended, not withdrawn on
 * an accepted objection): what the public sees and what the credit signal counts.
 */
export function penaltyInPublicity(p: AdministrativePenalty, today: string): boolean {
  const pub = publicityOf(p);
  return p.withdrawnOn === null && pub.published && pub.publicUntil !== null && p.decidedOn <= today && today < pub.publicUntil;
}

export function licenseStatus(l: AdministrativeLicense, today: string): MarketRegulationLicenseStatus {
  if (l.recordedStatus === MarketRegulationLicenseStatus.VALID && l.validUntil !== null && l.validUntil < today) {
    return MarketRegulationLicenseStatus.EXPIRED;
  }
  return l.recordedStatus;
}

export function abnormalIsCurrent(a: AbnormalOperationListing): boolean {
  return a.removedOn === null;
}

/** Escalation dates apply only while the listing stands. */
export function abnormalEscalation(a: AbnormalOperationListing) {
  const dates = abnormalListDates(a.listedOn);
  return a.removedOn === null ? dates : { ...dates, seriousListWarningOn: null, seriousListEligibleOn: null };
}

export interface SeriousState {
  rulesVersion: string;
  autoRemovalOn: string;
  earlyRemovalEligibleOn: string;
  measures: ReturnType<typeof seriousListDates>['measures'];
  /** Recorded removal, or the automatic removal once its date has come. */
  removedOn: string | null;
  removalKind: SeriousDishonestRemovalKind | null;
  current: boolean;
}

export function seriousState(s: SeriousDishonestListing, today: string): SeriousState {
  const dates = seriousListDates(s.listedOn);
  if (s.removedOn) return { ...dates, removedOn: s.removedOn, removalKind: s.removalKind, current: false };
  if (dates.autoRemovalOn <= today) {
    return { ...dates, removedOn: dates.autoRemovalOn, removalKind: SeriousDishonestRemovalKind.AUTOMATIC, current: false };
  }
  return { ...dates, removedOn: null, removalKind: null, current: true };
}

/** Latest date L with addYears(L, years) <= today: a listing dated after it has not yet reached its term. */
export function lastDateReachingTerm(today: string, years: number): string {
  let cutoff = addYears(today, -years);
  while (addYears(addDays(cutoff, 1), years) <= today) cutoff = addDays(cutoff, 1);
  while (addYears(cutoff, years) > today) cutoff = addDays(cutoff, -1);
  return cutoff;
}

/**
 * SQL condition (for a query builder alias) selecting serious-list entries not removed on `today`,
 * with the automatic-removal term of the rule version in force on each entry's listing date.
 */
export function currentSeriousCondition(alias: string, today: string, paramPrefix: string) {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  ruleWindows(SERIOUS_LIST_RULES).forEach(({ rule, from, to }, i) => {
    const conds = [`${alias}.listedOn > :${paramPrefix}cut${i}`];
    params[`${paramPrefix}cut${i}`] = lastDateReachingTerm(today, rule.autoRemovalYears);
    if (from) {
      conds.push(`${alias}.listedOn >= :${paramPrefix}from${i}`);
      params[`${paramPrefix}from${i}`] = from;
    }
    if (to) {
      conds.push(`${alias}.listedOn < :${paramPrefix}to${i}`);
      params[`${paramPrefix}to${i}`] = to;
    }
    parts.push(`(${conds.join(' AND ')})`);
  });
  return { sql: `${alias}.removedOn IS NULL AND (${parts.join(' OR ')})`, params };
}
