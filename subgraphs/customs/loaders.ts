import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey } from '../../shared/subgraph/loaders';
import { CrossBorderRole } from './entities/cross-border-role.entity';
import { CustomsCreditRating } from './entities/customs-credit-rating.entity';
import { CustomsDishonestyFinding } from './entities/customs-dishonesty-finding.entity';
import { CustomsJointMeasure } from './entities/customs-joint-measure.entity';
import { CustomsPenalty } from './entities/customs-penalty.entity';
import { CustomsRegistration } from './entities/customs-registration.entity';
import { ReceivedQualification } from './entities/received-qualification.entity';

/** Per-request DataLoaders of the customs subgraph, one per key. */
export function createCustomsLoaders(db: DataSource) {
  return {
    registrationByOperator: oneByKey<CustomsRegistration, string>(db, CustomsRegistration, 'operatorUscc'),
    ratingsByOperator: manyByKey<CustomsCreditRating, string>(db, CustomsCreditRating, 'operatorUscc', {
      effectiveOn: 'ASC',
      id: 'ASC',
    }),
    findingsByOperator: manyByKey<CustomsDishonestyFinding, string>(db, CustomsDishonestyFinding, 'operatorUscc', {
      foundOn: 'DESC',
      id: 'DESC',
    }),
    rolesByOperator: manyByKey<CrossBorderRole, string>(db, CrossBorderRole, 'operatorUscc', { id: 'ASC' }),
    qualificationsByOperator: manyByKey<ReceivedQualification, string>(db, ReceivedQualification, 'operatorUscc', { id: 'ASC' }),
    jointMeasuresByOperator: manyByKey<CustomsJointMeasure, string>(db, CustomsJointMeasure, 'operatorUscc', {
      startsOn: 'DESC',
      id: 'DESC',
    }),
    penaltiesByOperator: manyByKey<CustomsPenalty, string>(db, CustomsPenalty, 'operatorUscc', {
      decidedOn: 'DESC',
      id: 'DESC',
    }),
  };
}

export type CustomsLoaders = ReturnType<typeof createCustomsLoaders>;
