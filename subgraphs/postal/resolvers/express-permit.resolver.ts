import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DuplicateKey, duplicateConflict, lockForWrite, refuseDuplicates } from '../../../shared/database/duplicates';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { assertOrder } from '../dates';
import {
  ExpressPermit, ExpressPermitBranch, ExpressPermitScope, ExpressPermitStatus,
} from '../entities/express-permit.entity';
import { Operator } from '../entities/operator';
import { postalCreditSignals } from '../credit-signal';
import type { PostalLoaders } from '../loaders';
import { permitStatusOn } from '../permit-status';
import { emitPostalEvent } from '../referrals';
import { expressPermitChange } from '../../../shared/qualifications/validity';
import { EXPRESS_PERMIT_RULES, permitValidUntil } from '../rules/postal-rules';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { ruleInForce } from '../../../shared/rules/versioned';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';

type Ctx = SubgraphContext<PostalLoaders>;

export const ExpressPermitConnection = ConnectionType(ExpressPermit, 'ExpressPermit');

@InputType({ description: 'A branch to register under a new express permit' })
export class ExpressPermitBranchInput {
  @Field({ description: 'Branch name' })
  name: string;

  @Field({ description: 'Business address' })
  address: string;

  @Field({ description: 'Six-digit administrative division code of the district, e.g. 440106' })
  districtCode: string;
}

@InputType({ description: 'An express business permit to record as issued' })
export class IssueExpressPermitInput {
  @Field({ description: 'Permit number (许可证编号), unique' })
  permitNumber: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { description: "Holder's unified social credit code" })
  holderUscc: string;

  @Field(() => [ExpressPermitScope], { description: 'Business scope; at least one' })
  scope: ExpressPermitScope[];

  @Field(() => DateScalar, { nullable: true, description: 'Date of issue; default today' })
  issuedOn?: Date;

  @Field(() => DateScalar, { nullable: true, description: 'First day of validity; default the date of issue' })
  validFrom?: Date;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day of validity; default from the permit rules (5 years less one day)',
  })
  validUntil?: Date;

  @Field({ nullable: true, description: 'Issuing authority; default from the permit rules' })
  authority?: string;

  @Field(() => [ExpressPermitBranchInput], { nullable: true, description: 'Branches registered under the permit' })
  branches?: ExpressPermitBranchInput[];
}

@InputType({ description: 'Filters of the express permit list; all given filters must match' })
export class ExpressPermitFilter {
  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: "Holder's unified social credit code" })
  holderUscc?: string;

  @Field(() => ExpressPermitScope, { nullable: true, description: 'Permits whose scope includes this' })
  scope?: ExpressPermitScope;

  @Field(() => Boolean, { nullable: true, description: 'Only permits valid (true) or not valid (false) today' })
  validToday?: boolean;
}

@Resolver(() => ExpressPermit)
export class ExpressPermitResolver {
  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => ExpressPermitStatus, { description: 'Status at the time of the request' })
  status(@Root() permit: ExpressPermit, @Ctx() ctx: Ctx): ExpressPermitStatus {
    return permitStatusOn(permit, chinaToday(ctx.now));
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => Operator, { nullable: true, description: 'The permit holder (持证企业)' })
  holder(@Root() permit: ExpressPermit): Operator {
    return { uscc: permit.holderUscc };
  }

  @Access(ShareClass.PUBLIC)
  @FieldResolver(() => [ExpressPermitBranch], { description: 'Branches registered under the permit (分支机构)' })
  branches(@Root() permit: ExpressPermit, @Ctx() ctx: Ctx): Promise<ExpressPermitBranch[]> {
    return ctx.loaders.branchesByPermit.load(permit.id);
  }

  @Access(ShareClass.PUBLIC)
  @Query(() => ExpressPermitConnection, { nullable: true, description: 'Express business permits, in order of recording' })
  async expressPermits(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => ExpressPermitFilter, { nullable: true }) filter?: ExpressPermitFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const today = chinaToday(ctx.now);
    const qb = ctx.db.getRepository(ExpressPermit).createQueryBuilder('p');
    if (filter?.holderUscc) qb.andWhere('p.holderUscc = :holder', { holder: assertUscc(filter.holderUscc) });
    if (filter?.scope) {
      // simple-array: comma-separated enum names, none of which is a substring of another.
      qb.andWhere("(',' || p.scope || ',') LIKE :scope", { scope: `%,${filter.scope},%` });
    }
    if (filter?.validToday === true) {
      qb.andWhere('p.validFrom <= :today AND p.validUntil >= :today', { today });
      qb.andWhere('(p.revokedOn IS NULL OR p.revokedOn > :today)', { today });
    } else if (filter?.validToday === false) {
      qb.andWhere('(p.validFrom > :today OR p.validUntil < :today OR p.revokedOn <= :today)', { today });
    }
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('p.id > :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('p.id', 'ASC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => ExpressPermit, { description: 'Records an express business permit issued to an operator' })
  async issueExpressPermit(
    @Arg('input', () => IssueExpressPermitInput) input: IssueExpressPermitInput,
    @Ctx() ctx: Ctx,
  ): Promise<ExpressPermit> {
    const today = chinaToday(ctx.now);
    const permitNumber = requiredText(input.permitNumber, 'permitNumber', 40);
    const holderUscc = assertUscc(input.holderUscc);
    const scope = [...new Set(input.scope ?? [])];
    if (scope.length === 0) throw badInput('scope must name at least one business scope');
    const issuedOn = input.issuedOn ? notAfterToday(input.issuedOn, 'issuedOn', today) : today;
    const validFrom = input.validFrom ? toIsoDate(input.validFrom) : issuedOn;
    assertOrder('issuedOn', issuedOn, 'validFrom', validFrom);
    const rule = ruleInForce(EXPRESS_PERMIT_RULES, validFrom);
    const validUntil = input.validUntil ? toIsoDate(input.validUntil) : permitValidUntil(validFrom, rule);
    if (validUntil <= validFrom) throw badInput(`validUntil (${validUntil}) must be after validFrom (${validFrom})`);
    const authority = input.authority === undefined || input.authority === null
      ? rule.defaultAuthority
      : requiredText(input.authority, 'authority', 100);
    const branches = (input.branches ?? []).map((b, i) => {
      const districtCode = b.districtCode.trim();
      if (!/^\d{6}$/.test(districtCode)) {
        throw badInput(`branches[${i}].districtCode must be a six-digit division code, got "${b.districtCode}"`);
      }
      return {
        name: requiredText(b.name, `branches[${i}].name`, 200),
        address: requiredText(b.address, `branches[${i}].address`, 300),
        districtCode,
      };
    });
    const duplicate: DuplicateKey = {
      columns: ['permitNumber'],
      duplicate: { permitNumber },
      message: `An express permit numbered "${permitNumber}" already exists`,
    };
    return refuseDuplicates([duplicate], () => ctx.db.transaction(async (m) => {
      // Overlapping permits of one holder are no index's business: the holder's permits are written one at a time.
      await lockForWrite(m, `express-permit:${holderUscc}`);
      if (await m.getRepository(ExpressPermit).exists({ where: { permitNumber } })) throw duplicateConflict(duplicate);
      const held = await m.getRepository(ExpressPermit).find({ where: { holderUscc } });
      const overlapping = held.find(
        (p) => !p.revokedOn && p.validFrom <= validUntil && validFrom <= p.validUntil,
      );
      if (overlapping) {
        throw badInput(
          `The holder already has permit ${overlapping.permitNumber} valid ${overlapping.validFrom} to ${overlapping.validUntil}; ` +
            'revoke it or start the new permit after it ends',
        );
      }
      const permit = await m.getRepository(ExpressPermit).save(
        m.getRepository(ExpressPermit).create({
          permitNumber, holderUscc, scope, issuedOn, validFrom, validUntil, authority,
          rulesVersion: rule.version, revokedOn: null, revocationReason: null,
        }),
      );
      if (branches.length > 0) {
        await m.getRepository(ExpressPermitBranch).save(branches.map((b) => ({ ...b, permitId: permit.id })));
      }
      await emitPostalEvent(m, 'QualificationChange', expressPermitChange(permit));
      return permit;
    }));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => ExpressPermit, { description: 'Revokes an express business permit (吊销/撤销), with the reason' })
  async revokeExpressPermit(
    @Arg('permitNumber') permitNumber: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Ctx,
    @Arg('revokedOn', () => DateScalar, { nullable: true, description: 'Default today' }) revokedOnInput?: Date,
  ): Promise<ExpressPermit> {
    const today = chinaToday(ctx.now);
    const why = requiredText(reason, 'reason', 500);
    const revokedOn = revokedOnInput ? notAfterToday(revokedOnInput, 'revokedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(ExpressPermit);
      const permit = await repo.findOne({ where: { permitNumber: permitNumber.trim() } });
      if (!permit) throw badInput(`No express permit numbered "${permitNumber}"`);
      if (permit.revokedOn) throw badInput(`Express permit ${permit.permitNumber} was already revoked on ${permit.revokedOn}`);
      assertOrder('issuedOn', permit.issuedOn, 'revokedOn', revokedOn);
      permit.revokedOn = revokedOn;
      permit.revocationReason = why;
      const saved = await repo.save(permit);
      await postalCreditSignals.refresh(m, [saved.holderUscc], ctx.now);
      await emitPostalEvent(m, 'QualificationChange', expressPermitChange(saved));
      return saved;
    });
  }
}
