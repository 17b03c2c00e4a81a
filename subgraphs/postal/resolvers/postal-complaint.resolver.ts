import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import { DateScalar } from '../../../shared/graphql/scalars';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { EntityManager } from 'typeorm';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { complaintDeadlines, complaintStatus } from '../complaint-deadlines';
import { assertOrder } from '../dates';
import { ExpressCarrier } from '../entities/express-carrier.entity';
import { Operator } from '../entities/operator';
import {
  PostalComplaint, PostalComplaintCategory, PostalComplaintOutcome, PostalComplaintStatus,
} from '../entities/postal-complaint.entity';
import type { PostalLoaders } from '../loaders';
import { assertCarrier, carrierOf } from './express-carrier.resolver';
import { UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { optionalText, requiredText } from '../../../shared/validation/inputs';
import { notAfterToday } from '../../../shared/validation/dates';
import { recordIdInput } from '../../../shared/validation/record-ids';

type Ctx = SubgraphContext<PostalLoaders>;

export const PostalComplaintConnection = ConnectionType(PostalComplaint, 'PostalComplaint');

@InputType({ description: 'A postal complaint to file' })
export class FilePostalComplaintInput {
  @Field({ description: 'Code of the express company complained against, e.g. ZTO' })
  carrierCode: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: 'Credit code of the e-commerce seller whose parcel it concerns' })
  operatorUscc?: string;

  @Field(() => PostalComplaintCategory)
  category: PostalComplaintCategory;

  @Field({ description: "Complainant's name" })
  complainantName: string;

  @Field({ nullable: true })
  waybillNumber?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date received; default today' })
  receivedOn?: Date;
}

@InputType({ description: 'Filters of the postal complaint list; all given filters must match' })
export class PostalComplaintFilter {
  @Field(() => PostalComplaintCategory, { nullable: true })
  category?: PostalComplaintCategory;

  @Field({ nullable: true, description: 'Carrier code' })
  carrierCode?: string;

  @Field(() => UnifiedSocialCreditCodeScalar, { nullable: true, description: "Related operator's credit code" })
  operatorUscc?: string;

  @Field(() => PostalComplaintStatus, { nullable: true })
  status?: PostalComplaintStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or after' })
  receivedFrom?: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or before' })
  receivedTo?: Date;
}

async function loadComplaint(m: EntityManager, id: string): Promise<PostalComplaint> {
  const complaint = await m.getRepository(PostalComplaint).findOne({ where: { id: recordIdInput(id, 'id') } });
  if (!complaint) throw badInput(`No postal complaint with id "${id}"`);
  return complaint;
}

@Resolver(() => PostalComplaint)
export class PostalComplaintResolver {
  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => ExpressCarrier, { description: 'The express company complained against' })
  carrier(@Root() c: PostalComplaint, @Ctx() ctx: Ctx): Promise<ExpressCarrier> {
    return carrierOf(ctx, c.carrierCode);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Operator, { nullable: true, description: 'The e-commerce seller the parcel came from' })
  operator(@Root() c: PostalComplaint): Operator | null {
    return c.operatorUscc ? { uscc: c.operatorUscc } : null;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => PostalComplaintStatus)
  status(@Root() c: PostalComplaint): PostalComplaintStatus {
    return complaintStatus(c);
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => DateScalar, { description: "Deadline of the carrier's reply (received + 7 days per the rules)" })
  replyDueOn(@Root() c: PostalComplaint): string {
    return complaintDeadlines(c).replyDueOn;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => DateScalar, { description: 'Deadline of the decision (received + 30 days per the rules)' })
  decisionDueOn(@Root() c: PostalComplaint): string {
    return complaintDeadlines(c).decisionDueOn;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => String, { description: 'Version of the complaint rules that set the deadlines' })
  rulesVersion(@Root() c: PostalComplaint): string {
    return complaintDeadlines(c).rulesVersion;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Boolean, { description: 'Reply late, or still missing after its deadline (at request time)' })
  replyOverdue(@Root() c: PostalComplaint, @Ctx() ctx: Ctx): boolean {
    return (c.repliedOn ?? chinaToday(ctx.now)) > complaintDeadlines(c).replyDueOn;
  }

  @Access(ShareClass.AUTHORIZED_QUERY)
  @FieldResolver(() => Boolean, { description: 'Decision late, or still missing after its deadline (at request time)' })
  decisionOverdue(@Root() c: PostalComplaint, @Ctx() ctx: Ctx): boolean {
    return (c.decidedOn ?? chinaToday(ctx.now)) > complaintDeadlines(c).decisionDueOn;
  }

  @Access(ShareClass.GOV_SHARED)
  @Query(() => PostalComplaintConnection, {
    nullable: true,
    description: 'Postal complaints, most recently received first (agencies only)',
  })
  async postalComplaints(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => PostalComplaintFilter, { nullable: true }) filter?: PostalComplaintFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(PostalComplaint).createQueryBuilder('c');
    if (filter?.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter?.carrierCode) qb.andWhere('c.carrierCode = :carrier', { carrier: filter.carrierCode.trim().toUpperCase() });
    if (filter?.operatorUscc) qb.andWhere('c.operatorUscc = :op', { op: assertUscc(filter.operatorUscc) });
    if (filter?.status === PostalComplaintStatus.RECEIVED) qb.andWhere('c.repliedOn IS NULL AND c.decidedOn IS NULL');
    if (filter?.status === PostalComplaintStatus.REPLIED) qb.andWhere('c.repliedOn IS NOT NULL AND c.decidedOn IS NULL');
    if (filter?.status === PostalComplaintStatus.DECIDED) qb.andWhere('c.decidedOn IS NOT NULL');
    if (filter?.receivedFrom) qb.andWhere('c.receivedOn >= :from', { from: toIsoDate(filter.receivedFrom) });
    if (filter?.receivedTo) qb.andWhere('c.receivedOn <= :to', { to: toIsoDate(filter.receivedTo) });
    // Counted only if the client selects totalCount.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    if (after) qb.andWhere('c.id < :after', { after: Number(decodeCursor(after)) });
    const rows = await qb.orderBy('c.id', 'DESC').limit(size + 1).getMany();
    return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => PostalComplaint, { description: 'Files a postal complaint (受理申诉); deadlines follow from the rules' })
  async filePostalComplaint(
    @Arg('input', () => FilePostalComplaintInput) input: FilePostalComplaintInput,
    @Ctx() ctx: Ctx,
  ): Promise<PostalComplaint> {
    const today = chinaToday(ctx.now);
    const carrierCode = await assertCarrier(ctx, input.carrierCode);
    const operatorUscc = input.operatorUscc ? assertUscc(input.operatorUscc) : null;
    if (!Object.values(PostalComplaintCategory).includes(input.category)) {
      throw badInput(`Unknown complaint category "${input.category}"`);
    }
    const complainantName = requiredText(input.complainantName, 'complainantName', 50);
    const waybillNumber = optionalText(input.waybillNumber, 'waybillNumber', 40);
    const description = optionalText(input.description, 'description', 1000);
    const receivedOn = input.receivedOn ? notAfterToday(input.receivedOn, 'receivedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const repo = m.getRepository(PostalComplaint);
      return repo.save(
        repo.create({
          carrierCode, operatorUscc, category: input.category, complainantName, waybillNumber, description,
          receivedOn, repliedOn: null, reply: null, decidedOn: null, outcome: null, decisionNote: null, handlerNote: null,
        }),
      );
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => PostalComplaint, { description: "Records the carrier's reply to a complaint" })
  async replyToPostalComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('reply') reply: string,
    @Ctx() ctx: Ctx,
    @Arg('repliedOn', () => DateScalar, { nullable: true, description: 'Default today' }) repliedOnInput?: Date,
  ): Promise<PostalComplaint> {
    const today = chinaToday(ctx.now);
    const text = requiredText(reply, 'reply', 1000);
    const repliedOn = repliedOnInput ? notAfterToday(repliedOnInput, 'repliedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const complaint = await loadComplaint(m, id);
      if (complaint.decidedOn) throw badInput(`Complaint ${id} was already decided on ${complaint.decidedOn}`);
      if (complaint.repliedOn) throw badInput(`Complaint ${id} was already replied to on ${complaint.repliedOn}`);
      assertOrder('receivedOn', complaint.receivedOn, 'repliedOn', repliedOn);
      complaint.repliedOn = repliedOn;
      complaint.reply = text;
      return m.getRepository(PostalComplaint).save(complaint);
    });
  }

  @Access(ShareClass.AGENCY_WRITE, { agency: 'postal' })
  @Mutation(() => PostalComplaint, { description: 'Records the decision on a complaint (处理结果)' })
  async decidePostalComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => PostalComplaintOutcome) outcome: PostalComplaintOutcome,
    @Ctx() ctx: Ctx,
    @Arg('decidedOn', () => DateScalar, { nullable: true, description: 'Default today' }) decidedOnInput?: Date,
    @Arg('note', () => String, { nullable: true, description: 'Reasons of the decision' }) note?: string,
    @Arg('handlerNote', () => String, {
      nullable: true,
      description: 'Internal handling note of the postal administration (postal only); kept when not given',
    })
    handlerNote?: string,
  ): Promise<PostalComplaint> {
    const today = chinaToday(ctx.now);
    if (!Object.values(PostalComplaintOutcome).includes(outcome)) throw badInput(`Unknown outcome "${outcome}"`);
    const decisionNote = optionalText(note, 'note', 1000);
    const internalNote = optionalText(handlerNote, 'handlerNote', 1000);
    const decidedOn = decidedOnInput ? notAfterToday(decidedOnInput, 'decidedOn', today) : today;
    return ctx.db.transaction(async (m) => {
      const complaint = await loadComplaint(m, id);
      if (complaint.decidedOn) throw badInput(`Complaint ${id} was already decided on ${complaint.decidedOn}`);
      assertOrder('receivedOn', complaint.receivedOn, 'decidedOn', decidedOn);
      if (complaint.repliedOn) assertOrder('repliedOn', complaint.repliedOn, 'decidedOn', decidedOn);
      complaint.decidedOn = decidedOn;
      complaint.outcome = outcome;
      complaint.decisionNote = decisionNote;
      if (internalNote !== null) complaint.handlerNote = internalNote;
      return m.getRepository(PostalComplaint).save(complaint);
    });
  }
}
