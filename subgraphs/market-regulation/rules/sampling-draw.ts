import { MarketRegulationRiskClass } from '../enums';
import { Rng } from '../../../shared/seed/random';
import { CLASS_ORDER, type RiskClassRules } from './risk-class';

type Rc = MarketRegulationRiskClass;

/** One operator of the population as the draw sees it. */
export interface DrawCandidate {
  uscc: string;
  /** Class whose ratio applies: the month's class (or the rules' `unclassifiedAs`), raised by joint measures. */
  samplingClass: Rc;
  /** Inspector assigned to this operator by its previous draw, if any. */
  previousInspector: string | null;
}

export interface DrawnOperator {
  uscc: string;
  samplingClass: Rc;
  inspector: string;
}

export interface ClassCount {
  riskClass: Rc;
  population: number;
  drawn: number;
  percent: number;
}

/** How many of `population` a ratio draws: rounded up, so a class with members and a positive ratio is never skipped. */
export function drawCount(population: number, percent: number): number {
  return Math.min(population, Math.ceil((population * percent) / 100));
}

/**
 * Draws the sample: for each class, a seeded Fisher-Yates shuffle of its members (ordered by code first, so the
 * order the database returns them in does not matter) and the first `drawCount` of them; then an inspector per
 * drawn operator from the roster, never the one its previous draw assigned when the roster has another.
 * Same seed, population and rules ⇒ same result.
 */
export function drawSample(
  candidates: readonly DrawCandidate[], seed: string, roster: readonly string[], rules: RiskClassRules,
): { drawn: DrawnOperator[]; counts: ClassCount[] } {
  const drawn: DrawnOperator[] = [];
  const counts: ClassCount[] = [];
  const inspectors = new Rng(0, `${seed}:inspectors`);
  for (const riskClass of CLASS_ORDER) {
    const members = candidates.filter((c) => c.samplingClass === riskClass).sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
    const percent = rules.drawPercent[riskClass];
    const n = drawCount(members.length, percent);
    const rng = new Rng(0, `${seed}:class:${riskClass}`);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rng.next() * (members.length - i));
      [members[i], members[j]] = [members[j], members[i]];
    }
    const chosen = members.slice(0, n).sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
    for (const c of chosen) {
      const eligible = roster.length > 1 ? roster.filter((r) => r !== c.previousInspector) : roster;
      drawn.push({ uscc: c.uscc, samplingClass: riskClass, inspector: inspectors.pick(eligible) });
    }
    counts.push({ riskClass, population: members.length, drawn: n, percent });
  }
  return { drawn, counts };
}
