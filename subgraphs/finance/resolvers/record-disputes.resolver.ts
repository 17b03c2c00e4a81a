import { ShareClass } from '../../../shared/auth/share-class';
import { createDisputedResolver, createObjectionRecordResolver } from '../../../shared/objections/graphql';
import { FinancingExposure } from '../entities/financing-exposure.entity';
import { FinancingMeasure } from '../entities/financing-measure.entity';
import { Operator } from '../entities/operator';
import { FINANCE_OBJECTION_RECORDS } from '../events/objections';

/** `disputed` on each finance record an objection can name, and the check market regulation makes when filing. */
export const FINANCE_OBJECTION_RESOLVERS = [
  createDisputedResolver(FinancingMeasure, 'FINANCING_MEASURE', ShareClass.AUTHORIZED_QUERY),
  createDisputedResolver(FinancingExposure, 'FINANCING_EXPOSURE', ShareClass.GOV_SHARED),
  createObjectionRecordResolver(Operator, 'financeRecordForObjection', FINANCE_OBJECTION_RECORDS),
];
