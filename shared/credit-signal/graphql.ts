import DataLoader from 'dataloader';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Access } from '../auth/access';
import { ShareClass } from '../auth/share-class';
import { DateTimeScalar } from '../graphql/scalars';
import type { CreditSignal, DeriveCreditSignals } from './signal';

// Value types served by all five subgraphs (each agency's signal) and by market regulation's assessment factors. Their
// fields are public in themselves: the field that leads to them (a GOV_SHARED signal, AUTHORIZED_QUERY factors) decides.

@ObjectType({ description: 'A record a credit factor rests on: the owning agency\'s record kind and id' })
@Directive('@shareable')
@Access(ShareClass.PUBLIC)
export class CreditEvidence {
  @Field({ description: 'Record kind, e.g. ADMINISTRATIVE_PENALTY, QUALITY_SPOT_CHECK, FINANCING_MEASURE' })
  kind: string;

  @Field(() => ID, { description: "The record's id in its agency's part of the graph" })
  id: string;
}

@ObjectType({ description: 'One factor of an agency credit signal: a count or 0/1 state with the records behind it' })
@Directive('@shareable')
@Access(ShareClass.PUBLIC)
export class CreditSignalFactor {
  @Field({ description: 'Stable factor code, prefixed by agency (MR_, COM_, CUS_, FIN_, POS_)' })
  code: string;

  @Field()
  label: string;

  @Field(() => Float, { description: 'A count (records, years) or 1/0 for a state' })
  value: number;

  @Field(() => [CreditEvidence], { description: 'Records the value rests on, newest first (at most 20)' })
  evidence: CreditEvidence[];
}

@ObjectType({
  description:
    'What one agency derives about an operator from its own records, for the comprehensive credit assessment (综合信用评价)',
})
@Directive('@shareable')
@Access(ShareClass.PUBLIC)
export class AgencyCreditSignal {
  @Field({ description: 'The agency: market-regulation, commerce, customs, finance or postal' })
  agency: string;

  @Field(() => DateTimeScalar, { description: 'When the signal was derived' })
  asOf: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When time alone changes it next (a period or window ends)' })
  reviewAt: string | null;

  @Field(() => [CreditSignalFactor], { description: 'Every factor the agency defines, 0 when nothing applies' })
  factors: CreditSignalFactor[];
}

const loaders = new WeakMap<object, DataLoader<string, CreditSignal>>();

/**
 * The operator's signal as the agency derives it now, batched per request: `requestKey` is the request's loaders object,
 * so every operator of one response is derived in one pass.
 */
export function loadCreditSignal(
  requestKey: object,
  db: DataSource,
  derive: DeriveCreditSignals,
  now: Date,
  uscc: string,
): Promise<CreditSignal> {
  let loader = loaders.get(requestKey);
  if (!loader) {
    loader = new DataLoader<string, CreditSignal>(async (keys) => {
      const signals = await derive(db.manager, keys, now);
      return keys.map((k) => signals.get(k) ?? new Error(`No credit signal derived for ${k}`));
    });
    loaders.set(requestKey, loader);
  }
  return loader.load(uscc);
}
