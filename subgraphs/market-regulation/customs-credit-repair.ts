import type { GraphQLError } from 'graphql';
import { badInput } from '../../shared/errors/errors';
import type { SubgraphContext } from '../../shared/subgraph/context';
import { askPeer, type PeerAnswer, peerUnavailable } from '../../shared/subgraph/peer-query';
import type { ConditionResult, RepairAssessment } from './rules/credit-repair';

/**
 * Credit repair of a customs dishonesty finding is judged by customs, under its own rules and records
 * (subgraphs/customs/rules/credit-repair.ts): market regulation hosts the application and asks customs over GraphQL,
 * on the applicant's behalf (its own token, so customs applies its own access rules), never from customs' database.
 */
const ASSESSMENT = `query MarketRegulationCustomsRepairCheck(
  $uscc: ID!, $findingId: ID!, $commitment: String!, $performanceEvidence: String, $removalDecisionNumber: String
) {
  customsCreditRepairAssessment(
    uscc: $uscc, findingId: $findingId, commitment: $commitment, performanceEvidence: $performanceEvidence,
    removalDecisionNumber: $removalDecisionNumber
  ) {
    findingId operatorUscc findingDecisionNumber current removedOn rulesVersion eligible removalDecisionNumberTaken
    conditions { condition rule met metFrom detail }
  }
}`;

/** Customs' answer about one finding of the operator. */
export interface CustomsRepairAnswer extends RepairAssessment {
  findingId: string;
  operatorUscc: string;
  findingDecisionNumber: string;
  current: boolean;
  removedOn: string | null;
  removalDecisionNumberTaken: boolean | null;
}

/** Customs could not answer: the application or decision is refused rather than judged without customs' rules. */
export function customsUnavailable(): GraphQLError {
  return peerUnavailable(
    'customs',
    'Customs could not be consulted to judge the credit repair of its dishonesty finding; nothing was recorded, try again later',
  );
}

// Customs' condition names (MINIMUM_PERIOD_SERVED, DISHONEST_ACT_CORRECTED, WRITTEN_COMMITMENT) travel in the same
// string field as market regulation's; only customs' rules give them meaning.
type Answer = PeerAnswer<{ customsCreditRepairAssessment?: (Omit<CustomsRepairAnswer, 'conditions'> & { conditions: ConditionResult[] }) | null }>;

/**
 * Customs' judgement of repairing finding `findingId` of `uscc` today; null when the operator has no such finding.
 * Throws SUBGRAPH_UNAVAILABLE when customs does not answer in time or answers with errors, BAD_USER_INPUT when customs
 * refuses an argument.
 */
export async function customsRepairAssessment(
  ctx: SubgraphContext,
  args: { uscc: string; findingId: number; commitment: string; performanceEvidence: string | null; removalDecisionNumber?: string | null },
): Promise<CustomsRepairAnswer | null> {
  let answer: Answer;
  try {
    // A 400 still carries customs' BAD_USER_INPUT, which is passed on as such.
    answer = await askPeer(ctx, 'customs', ASSESSMENT, { ...args, findingId: String(args.findingId) }, {
      onCallersBehalf: true, readStatuses: [400],
    });
  } catch (err) {
    ctx.log.error({ err, agency: 'customs' }, 'customs unavailable for a credit repair assessment');
    throw customsUnavailable();
  }
  const refused = answer.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
  if (refused) throw badInput(`Customs refused the question: ${refused.message}`, { agency: 'customs' });
  const found = answer.data?.customsCreditRepairAssessment;
  if (answer.errors?.length || found === undefined) {
    ctx.log.error({ errors: answer.errors, agency: 'customs' }, 'customs answered a credit repair assessment with errors');
    throw customsUnavailable();
  }
  return found;
}
