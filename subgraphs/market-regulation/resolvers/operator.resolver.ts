import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { fenToYuan } from '../../../shared/database/columns';
import { checkPageSize, ConnectionType, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { Operator, RegistrationStatus } from '../entities/operator.entity';
import type { MarketRegulationLoaders } from '../loaders';
import { Registration } from './registration.types';

type Ctx = SubgraphContext<MarketRegulationLoaders>;

export const OperatorConnection = ConnectionType(Operator, 'Operator');

@InputType({ description: 'Filters of the operator list; all given filters must match' })
export class OperatorFilter {
  @Field({ nullable: true, description: 'Fragment of the registered name' })
  nameContains?: string;

  @Field({ nullable: true, description: 'District code, e.g. 440106' })
  districtCode?: string;

  @Field(() => RegistrationStatus, { nullable: true })
  status?: RegistrationStatus;
}

@Resolver(() => Operator)
export class OperatorResolver {
  @Query(() => Operator, { nullable: true, description: 'One operator by its unified social credit code' })
  operator(@Arg('uscc', () => ID) uscc: string, @Ctx() ctx: Ctx): Promise<Operator | null> {
    return ctx.loaders.operatorByUscc.load(assertUscc(uscc));
  }

  @Query(() => OperatorConnection, { description: 'Operators, ordered by credit code' })
  async operators(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => OperatorFilter, { nullable: true }) filter?: OperatorFilter,
  ) {
    const size = checkPageSize(first, ctx.maxPageSize);
    const qb = ctx.db.getRepository(Operator).createQueryBuilder('o');
    if (filter?.nameContains) qb.andWhere('o.name LIKE :name', { name: `%${filter.nameContains}%` });
    if (filter?.districtCode) qb.andWhere('o.districtCode = :district', { district: filter.districtCode });
    if (filter?.status) qb.andWhere('o.status = :status', { status: filter.status });
    const totalCount = await qb.clone().getCount();
    if (after) qb.andWhere('o.uscc > :after', { after: decodeCursor(after) });
    const rows = await qb.orderBy('o.uscc', 'ASC').limit(size + 1).getMany();
    rows.forEach((r) => ctx.loaders.operatorByUscc.prime(r.uscc, r));
    return toConnection(rows, size, totalCount, (r) => r.uscc, Boolean(after));
  }

  @FieldResolver(() => Registration)
  registration(@Root() operator: Operator): Registration {
    return {
      legalRepresentative: {
        name: operator.legalRepresentativeName,
        idNumber: operator.legalRepresentativeIdNumber,
        phone: operator.legalRepresentativePhone,
      },
      registeredCapital: fenToYuan(operator.registeredCapitalFen) ?? '0.00',
      address: operator.address,
      districtCode: operator.districtCode,
      status: operator.status,
      establishedOn: operator.establishedOn,
      registrationAuthority: operator.registrationAuthority,
    };
  }
}
