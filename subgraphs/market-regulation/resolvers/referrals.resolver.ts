import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { lockForWrite } from '../../../shared/database/duplicates';
import { badInput, conflict } from '../../../shared/errors/errors';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { requiredText } from '../../../shared/validation/inputs';
import { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { DoubleRandomInspection } from '../entities/double-random-inspection.entity';
import { Operator } from '../entities/operator.entity';
import { ReferralCase, ReferralOutcome, ReferralReference, ReferralStatus } from '../entities/referral-case.entity';
import type { MarketRegulationLoaders } from '../loaders';
import { AGENCY } from './access';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

/** The status each status is reached from: handling moves one step forward at a time. */
const PREVIOUS: Record<Exclude<ReferralStatus, ReferralStatus.RECEIVED>, ReferralStatus> = {
  [ReferralStatus.ACKNOWLEDGED]: ReferralStatus.RECEIVED,
  [ReferralStatus.ASSIGNED]: ReferralStatus.ACKNOWLEDGED,
  [ReferralStatus.CLOSED]: ReferralStatus.ASSIGNED,
};

/**
 * Loads the case under a lock (concurrent transitions of one case take turns) and checks that it stands where the
 * transition starts; a case elsewhere is a CONFLICT naming its status.
 */
async function caseFor(m: EntityManager, id: number, to: keyof typeof PREVIOUS): Promise<ReferralCase> {
  await lockForWrite(m, `referral-case:${id}`);
  const found = await m.getRepository(ReferralCase).findOneBy({ id });
  if (!found) throw badInput(`No referral with id "${id}"`, { field: 'id' });
  if (found.status !== PREVIOUS[to]) {
    throw conflict(
      `Referral ${id} is ${found.status}; it can become ${to} only from ${PREVIOUS[to]} (handling only moves forward)`,
      { status: found.status },
    );
  }
  return found;
}

@Resolver(() => Operator)
export class ReferralsOperatorResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => [ReferralCase], {
    nullable: true,
    description: 'Cases other agencies referred to market regulation about the operator (移送案件), newest first',
  })
  referrals(@Root() operator: Operator, @Ctx() ctx: Ctx): Promise<ReferralCase[]> {
    return ctx.loaders.referralsByOperator.load(operator.uscc);
  }
}

@Resolver(() => ReferralCase)
export class ReferralResolver {
  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => ReferralReference, { description: "The referring agency's record the referral rests on" })
  reference(@Root() c: ReferralCase): ReferralReference {
    return { operatorUscc: c.operatorUscc, kind: c.referenceKind, id: c.referenceId };
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => DoubleRandomInspection, { nullable: true, description: 'The inspection the outcome rests on' })
  async inspection(@Root() c: ReferralCase, @Ctx() ctx: Ctx): Promise<DoubleRandomInspection | null> {
    return c.outcomeInspectionId === null ? null : ctx.loaders.inspectionById.load(c.outcomeInspectionId);
  }

  @Access(ShareClass.GOV_SHARED)
  @FieldResolver(() => AdministrativePenalty, { nullable: true, description: 'The penalty decision the outcome rests on' })
  async penalty(@Root() c: ReferralCase, @Ctx() ctx: Ctx): Promise<AdministrativePenalty | null> {
    return c.outcomePenaltyDecisionNumber === null ? null : ctx.loaders.penaltyByDecisionNumber.load(c.outcomePenaltyDecisionNumber);
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => ReferralCase, { description: 'Acknowledges a received referral (受理): RECEIVED → ACKNOWLEDGED' })
  async acknowledgeReferral(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<ReferralCase> {
    const numeric = recordIdInput(id, 'id');
    return ctx.db.transaction(async (m) => {
      const found = await caseFor(m, numeric, ReferralStatus.ACKNOWLEDGED);
      Object.assign(found, { status: ReferralStatus.ACKNOWLEDGED, acknowledgedAt: ctx.now });
      return m.getRepository(ReferralCase).save(found);
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => ReferralCase, { description: 'Assigns an acknowledged referral to an inspector (指派承办人): ACKNOWLEDGED → ASSIGNED' })
  async assignReferral(
    @Arg('id', () => ID) id: string,
    @Arg('inspector', { description: 'Inspector in charge' }) inspector: string,
    @Ctx() ctx: Ctx,
  ): Promise<ReferralCase> {
    const numeric = recordIdInput(id, 'id');
    const name = requiredText(inspector, 'inspector', 100);
    return ctx.db.transaction(async (m) => {
      const found = await caseFor(m, numeric, ReferralStatus.ASSIGNED);
      Object.assign(found, { status: ReferralStatus.ASSIGNED, assignedTo: name, assignedAt: ctx.now });
      return m.getRepository(ReferralCase).save(found);
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: AGENCY })
  @Mutation(() => ReferralCase, {
    description:
      'Closes an assigned referral (办结) with its outcome: PENALIZED names the penalty decision, the other outcomes the ' +
      "inspection; each must be the operator's, decided or carried out on or after the referral",
  })
  async closeReferral(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => ReferralOutcome) outcome: ReferralOutcome,
    @Ctx() ctx: Ctx,
    @Arg('inspectionId', () => ID, { nullable: true, description: 'The resulting inspection' }) inspectionId?: string,
    @Arg('penaltyDecisionNumber', () => String, { nullable: true, description: 'Decision number (文号) of the resulting penalty' })
    penaltyDecisionNumber?: string,
  ): Promise<ReferralCase> {
    const numeric = recordIdInput(id, 'id');
    const decision = penaltyDecisionNumber?.trim() ? requiredText(penaltyDecisionNumber, 'penaltyDecisionNumber', 80) : null;
    let inspection: number | null = null;
    if (inspectionId !== undefined && inspectionId !== null && inspectionId.trim() !== '') {
      inspection = recordIdInput(inspectionId, 'inspectionId');
    }
    if (outcome === ReferralOutcome.PENALIZED && decision === null) {
      throw badInput('`penaltyDecisionNumber` is required when the outcome is PENALIZED', { field: 'penaltyDecisionNumber' });
    }
    if (outcome !== ReferralOutcome.PENALIZED && inspection === null) {
      throw badInput(`\`inspectionId\` is required when the outcome is ${outcome}`, { field: 'inspectionId' });
    }
    if (outcome !== ReferralOutcome.PENALIZED && decision !== null) {
      throw badInput(`\`penaltyDecisionNumber\` is only for the outcome PENALIZED (got ${outcome})`, { field: 'penaltyDecisionNumber' });
    }
    return ctx.db.transaction(async (m) => {
      const found = await caseFor(m, numeric, ReferralStatus.CLOSED);
      if (inspection !== null) {
        const row = await m.getRepository(DoubleRandomInspection).findOneBy({ id: inspection });
        if (!row || row.operatorUscc !== found.operatorUscc) {
          throw badInput(`No inspection ${inspection} of operator ${found.operatorUscc}`, { field: 'inspectionId' });
        }
        if (row.inspectedOn < found.referredOn) {
          throw badInput(
            `Inspection ${inspection} was carried out on ${row.inspectedOn}, before the referral of ${found.referredOn}: it cannot be its result`,
            { field: 'inspectionId' },
          );
        }
      }
      if (decision !== null) {
        const row = await m.getRepository(AdministrativePenalty).findOneBy({ decisionNumber: decision });
        if (!row || row.operatorUscc !== found.operatorUscc) {
          throw badInput(`No penalty decision "${decision}" of operator ${found.operatorUscc}`, { field: 'penaltyDecisionNumber' });
        }
        if (row.decidedOn < found.referredOn) {
          throw badInput(
            `Penalty "${decision}" was decided on ${row.decidedOn}, before the referral of ${found.referredOn}: it cannot be its result`,
            { field: 'penaltyDecisionNumber' },
          );
        }
      }
      Object.assign(found, {
        status: ReferralStatus.CLOSED, closedAt: ctx.now, outcome, outcomeInspectionId: inspection, outcomePenaltyDecisionNumber: decision,
      });
      return m.getRepository(ReferralCase).save(found);
    });
  }
}
