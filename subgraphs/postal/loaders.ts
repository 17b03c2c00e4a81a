import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { manyByKey } from '../../shared/subgraph/loaders';
import { EmptyParcelSignal } from './entities/empty-parcel-signal.entity';
import { ExpressCarrier } from './entities/express-carrier.entity';
import { ExpressCarrierCreditGrade } from './entities/express-carrier-credit.entity';
import { ExpressPermit, ExpressPermitBranch } from './entities/express-permit.entity';
import { ExpressSupervisionMeasure } from './entities/express-supervision-measure.entity';
import { ParcelStatistic } from './entities/parcel-statistic.entity';
import { PostalComplaint } from './entities/postal-complaint.entity';

/** Per-request DataLoaders of the postal subgraph, one per key. */
export function createPostalLoaders(db: DataSource) {
  // Carriers are a small reference table: one statement per request loads them all, however many
  // batches (complaints, statistics, signals resolve at different ticks) ask for them.
  let allCarriers: Promise<Map<string, ExpressCarrier>> | undefined;
  const carriers = () =>
    (allCarriers ??= db.getRepository(ExpressCarrier).find().then((rows) => new Map(rows.map((c) => [c.code, c]))));
  return {
    carrierByCode: new DataLoader<string, ExpressCarrier | null>(async (codes) => {
      const byCode = await carriers();
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    creditGradesByCarrier: manyByKey<ExpressCarrierCreditGrade, string>(db, ExpressCarrierCreditGrade, 'carrierCode', {
      year: 'DESC',
    }),
    permitsByHolder: manyByKey<ExpressPermit, string>(db, ExpressPermit, 'holderUscc', { validFrom: 'DESC', id: 'DESC' }),
    branchesByPermit: manyByKey<ExpressPermitBranch, number>(db, ExpressPermitBranch, 'permitId', { id: 'ASC' }),
    complaintsByOperator: manyByKey<PostalComplaint, string>(db, PostalComplaint, 'operatorUscc', {
      receivedOn: 'DESC',
      id: 'DESC',
    }),
    parcelStatsByOperator: manyByKey<ParcelStatistic, string>(db, ParcelStatistic, 'operatorUscc', {
      period: 'DESC',
      carrierCode: 'ASC',
    }),
    signalsByOperator: manyByKey<EmptyParcelSignal, string>(db, EmptyParcelSignal, 'operatorUscc', {
      period: 'DESC',
      id: 'DESC',
    }),
    supervisionMeasuresByOperator: manyByKey<ExpressSupervisionMeasure, string>(db, ExpressSupervisionMeasure, 'operatorUscc', {
      startsOn: 'DESC',
      id: 'DESC',
    }),
  };
}

export type PostalLoaders = ReturnType<typeof createPostalLoaders>;
