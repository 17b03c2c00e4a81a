import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { findByKeys, manyByKey } from '../../shared/subgraph/loaders';
import { CreditAuthorization } from './entities/credit-authorization.entity';
import { FinancingApplication } from './entities/financing-application.entity';
import { FinancingExposure } from './entities/financing-exposure.entity';
import { FinancingMeasure } from './entities/financing-measure.entity';
import { PaymentLicence } from './entities/payment-licence.entity';

/**
 * An operator's current exposure rows: the non-superseded rows of its latest reported month, for all
 * keys in one statement (correlated MAX subquery; portable across SQLite and PostgreSQL).
 */
function latestExposureByOperator(db: DataSource): DataLoader<string, FinancingExposure[]> {
  return new DataLoader<string, FinancingExposure[]>(async (keys) => {
    const rows = await findByKeys(db, FinancingExposure, 'operatorUscc', keys, {
      where: { superseded: false },
      // The outer row is not superseded, so the subquery's `superseded` equals it.
      condition:
        '{reportedMonth} = (SELECT MAX(l.{reportedMonth}) FROM {table} l ' +
        'WHERE l.{operatorUscc} = {table}.{operatorUscc} AND l.{superseded} = {table}.{superseded})',
      order: { orgType: 'ASC' },
    });
    const byKey = new Map<string, FinancingExposure[]>(keys.map((k) => [k, []]));
    for (const row of rows) byKey.get(row.operatorUscc)?.push(row);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/** Per-request DataLoaders of the finance subgraph, one per key. */
export function createFinanceLoaders(db: DataSource) {
  return {
    measuresByOperator: manyByKey<FinancingMeasure, string>(db, FinancingMeasure, 'operatorUscc', {
      startsOn: 'DESC',
      id: 'DESC',
    }),
    authorizationsByOperator: manyByKey<CreditAuthorization, string>(db, CreditAuthorization, 'operatorUscc', {
      grantedOn: 'DESC',
      id: 'DESC',
    }),
    applicationsByOperator: manyByKey<FinancingApplication, string>(db, FinancingApplication, 'operatorUscc', {
      appliedOn: 'DESC',
      id: 'DESC',
    }),
    latestExposureByOperator: latestExposureByOperator(db),
    paymentLicencesByOperator: manyByKey<PaymentLicence, string>(db, PaymentLicence, 'operatorUscc', {
      issuedOn: 'DESC',
      id: 'DESC',
    }),
  };
}

export type FinanceLoaders = ReturnType<typeof createFinanceLoaders>;
