import { completeUscc, USCC_ALPHABET } from '../credit-code/uscc';
import { citizenIdCheck } from './citizen-id';
import {
  DISTRICT_WEIGHTS, GIVEN_NAMES, GUANGZHOU_DISTRICTS, INDUSTRIES, PLATFORMS, SURNAMES, TRADE_NAMES,
} from './guangzhou';
import { Rng } from './random';

/**
 * The deterministic universe of seeded operators that all five subgraphs seed from.
 * Every agency seeds only its own database, but from the same plan, so the same operators are the
 * trustworthy ones (clean everywhere) and the dishonest ones (records in every agency).
 */
export type CreditProfile = 'TRUSTWORTHY' | 'ORDINARY' | 'DISHONEST';

export interface SeedOperator {
  index: number;
  uscc: string;
  name: string;
  subjectType: 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS';
  districtCode: string;
  districtName: string;
  industry: string;
  goods: string;
  profile: CreditProfile;
  establishedOn: string;
  registeredCapitalFen: number;
  legalRepresentative: { name: string; idNumber: string; phone: string };
  platformIds: string[];
  /** Cross-border e-commerce activity (customs, finance, postal use it). */
  crossBorder: boolean;
}

export interface SeedPlan {
  seed: number;
  /** The reference "today" of the seed; dates are spread before it. */
  today: Date;
  operators: SeedOperator[];
  platforms: readonly { id: string; name: string }[];
  /** A rng for `agency` and operator `index`: independent streams keep agencies' seeds stable. */
  rng(agency: string, index: number): Rng;
}

const DISTRICT_CHOICES = GUANGZHOU_DISTRICTS.map((d) => [d, DISTRICT_WEIGHTS[d.code]] as const);
/** 31^6: organization code bodies are `MA` + six symbols; index * multiplier mod this is a bijection. */
const ORG_SPACE = 31 ** 6;
const ORG_MULTIPLIER = 387_420_489; // 3^18, coprime with 31

export function organizationBody(index: number, seed: number): string {
  let n = (((index + (seed % 1000) * 7919) % ORG_SPACE) * ORG_MULTIPLIER) % ORG_SPACE;
  let body = '';
  for (let i = 0; i < 6; i++) {
    body = USCC_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  return `MA${body}`;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function daysBefore(today: Date, days: number): Date {
  return new Date(today.getTime() - days * 86_400_000);
}

export function createSeedPlan(options: { seed: number; operators: number; today?: Date }): SeedPlan {
  const today = options.today ?? new Date('2026-11-01T00:00:00Z');
  const operators: SeedOperator[] = [];
  for (let index = 0; index < options.operators; index++) {
    const rng = new Rng(options.seed, `operator:${index}`);
    // Index 0 is always a plainly dishonest operator and index 1 a plainly trustworthy one,
    // so documentation and tests can name them.
    const profile: CreditProfile =
      index === 0 ? 'DISHONEST' : index === 1 ? 'TRUSTWORTHY'
        : rng.weighted([['TRUSTWORTHY', 25], ['ORDINARY', 60], ['DISHONEST', 15]] as const);
    const district = rng.weighted(DISTRICT_CHOICES);
    const industry = rng.pick(INDUSTRIES);
    const individual = index > 1 && rng.chance(0.2);
    const trade = rng.pick(TRADE_NAMES) + rng.pick(TRADE_NAMES);
    const repName = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
    const name = individual
      ? `广州市${district.name}${trade}${industry.goods}网店`
      : `广州${trade}${industry.name}有限公司`;
    const uniqueName = index < TRADE_NAMES.length ** 2 ? name : name.replace('有限公司', `${index}号有限公司`);
    const established = daysBefore(today, rng.int(200, 6000));
    const birth = new Date(Date.UTC(rng.int(1960, 2000), rng.int(0, 11), rng.int(1, 28)));
    const id17 = `${district.code}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(rng.int(0, 999)).padStart(3, '0')}`;
    const platformCount = rng.int(1, 3);
    const platformIds = new Set<string>();
    while (platformIds.size < platformCount) platformIds.add(rng.pick(PLATFORMS).id);
    operators.push({
      index,
      uscc: completeUscc(individual ? '92' : '91', district.code, organizationBody(index, options.seed)),
      name: uniqueName,
      subjectType: individual ? 'INDIVIDUAL_BUSINESS' : 'ENTERPRISE',
      districtCode: district.code,
      districtName: district.name,
      industry: industry.name,
      goods: industry.goods,
      profile,
      establishedOn: isoDate(established),
      registeredCapitalFen: individual ? rng.int(1, 50) * 1_000_000 : rng.int(10, 5000) * 10_000_00,
      legalRepresentative: {
        name: repName,
        idNumber: id17 + citizenIdCheck(id17),
        phone: `1${rng.pick(['35', '36', '37', '38', '39', '50', '58', '86', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      },
      platformIds: [...platformIds],
      crossBorder: industry.name === '跨境贸易' || rng.chance(0.15),
    });
  }
  return {
    seed: options.seed,
    today,
    operators,
    platforms: PLATFORMS,
    rng: (agency, index) => new Rng(options.seed, `${agency}:${index}`),
  };
}

export { isoDate };
