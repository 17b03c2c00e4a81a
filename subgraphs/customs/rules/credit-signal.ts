/**
 * What customs' credit signal (issue 9 part 1) counts, as data. Customs adds no window or threshold of its own: each
 * factor follows a customs rule that already decides it, so the signal cannot disagree with the rest of the graph.
 *
 * - Credit level: the level in force today (creditLevelInEffect in rules/credit-rules.ts), under 海关总署令第251号
 *   (from 2021-11-01) and 第282号 (from 2026-04-01, adding CERTIFIED and SERIOUSLY_DISHONEST).
 * - Penalties: while within their publicity period (rules/penalty-publicity.ts, by decision kind: 3 years after
 *   smuggling, 1 year after the others, 海关行政处罚信息公示), the period the public sees them for.
 * - Dishonesty findings: while they stand, until a removal decision (移出/信用修复) takes effect.
 */
import { CustomsCreditLevel } from './credit-rules';

/** Record kinds named in the signal's evidence. */
export const CUSTOMS_EVIDENCE_KINDS = {
  RATING: 'CUSTOMS_CREDIT_RATING',
  PENALTY: 'CUSTOMS_PENALTY',
  DISHONESTY_FINDING: 'CUSTOMS_DISHONESTY_FINDING',
} as const;

/**
 * The levels that are a factor (1 while in force), by factor code. REGULAR (一般信用企业), the default level, is
 * none: it is what every registered enterprise holds until rated otherwise.
 */
export const SIGNALLED_CREDIT_LEVELS = {
  /** 高级认证企业: 海关总署令第251号 and 第282号. */
  CUS_ADVANCED_CERTIFIED: CustomsCreditLevel.ADVANCED_CERTIFIED,
  /** 认证企业: 海关总署令第282号 (from 2026-04-01). */
  CUS_CERTIFIED: CustomsCreditLevel.CERTIFIED,
  /** 失信企业: 海关总署令第251号 and 第282号. */
  CUS_DISHONEST: CustomsCreditLevel.DISHONEST,
  /** 严重失信企业: 海关总署令第282号 (from 2026-04-01). */
  CUS_SERIOUSLY_DISHONEST: CustomsCreditLevel.SERIOUSLY_DISHONEST,
} as const;
