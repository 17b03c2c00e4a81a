import { Field } from 'type-graphql';
import { Column } from 'typeorm';
import { Access } from '../auth/access';
import type { AccessOptions, ShareClass } from '../auth/share-class';
import { DateScalar } from '../graphql/scalars';

/*
 * The four columns an objection (异议, issue 10) leaves on a record of any agency, declared once: set by the consumer of
 * ObjectionChange (shared/objections/consumer.ts), never cleared. Withdrawal is for agencies unless the record type says
 * otherwise; the correction is as public as the record it corrects (the type's own default).
 */

type PropertyDecorator = (target: object, key: string) => void;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

function access(shareClass: ShareClass | undefined, options?: AccessOptions): PropertyDecorator[] {
  return shareClass ? [Access(shareClass, options) as PropertyDecorator] : [];
}



/** `withdrawnOn`: the day the record was withdrawn on an accepted objection (撤销). */
export const WithdrawnOnColumn = (
  shareClass?: ShareClass,
  description = 'Day the record was withdrawn on an accepted objection (撤销); a withdrawn record is kept but not public and not counted',
  options?: AccessOptions,
) =>
  all(
    ...access(shareClass, options),
    Field(() => DateScalar, { nullable: true, description }) as PropertyDecorator,
    Column({ type: 'date', nullable: true }) as PropertyDecorator,
  );

/** `withdrawalReason`: why it was withdrawn (the objection decision). */
export const WithdrawalReasonColumn = (
  shareClass?: ShareClass,
  description = 'Why the record was withdrawn (the objection decision)',
  options?: AccessOptions,
) =>
  all(
    ...access(shareClass, options),
    Field(() => String, { nullable: true, description }) as PropertyDecorator,
    Column({ type: 'varchar', length: 2000, nullable: true }) as PropertyDecorator,
  );

/** `correction`: the corrected facts on an accepted objection (更正). */
export const CorrectionColumn = (shareClass?: ShareClass) =>
  all(
    ...access(shareClass),
    Field(() => String, { nullable: true, description: 'Correction of the facts on an accepted objection (更正)' }) as PropertyDecorator,
    Column({ type: 'varchar', length: 2000, nullable: true }) as PropertyDecorator,
  );

/** `correctedOn`: the day of the correction. */
export const CorrectedOnColumn = (shareClass?: ShareClass) =>
  all(
    ...access(shareClass),
    Field(() => DateScalar, { nullable: true, description: 'Day the correction was made' }) as PropertyDecorator,
    Column({ type: 'date', nullable: true }) as PropertyDecorator,
  );
