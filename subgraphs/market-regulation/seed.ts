import type { DataSource } from 'typeorm';
import type { SeedPlan } from '../../shared/seed/seed-plan';
import { insertInChunks } from '../../shared/seed/insert';
import { Operator, RegistrationStatus, SubjectType } from './entities/operator.entity';

const STREETS = ['天河路', '中山大道', '黄埔大道', '广州大道', '江南大道', '解放路', '东风路', '新港路', '白云大道', '番禺大道'];

/** Market regulation's part of the deterministic seed: registrations and the agency's records. */
export async function seedMarketRegulation(db: DataSource, plan: SeedPlan): Promise<void> {
  const operators = plan.operators.map((op) => {
    const rng = plan.rng('market-regulation', op.index);
    const status =
      op.profile === 'DISHONEST' && rng.chance(0.15) ? RegistrationStatus.REVOKED
        : rng.chance(0.03) ? RegistrationStatus.CANCELLED : RegistrationStatus.EXISTING;
    return db.getRepository(Operator).create({
      uscc: op.uscc,
      name: op.name,
      subjectType: op.subjectType as SubjectType,
      legalRepresentativeName: op.legalRepresentative.name,
      legalRepresentativeIdNumber: op.legalRepresentative.idNumber,
      legalRepresentativePhone: op.legalRepresentative.phone,
      registeredCapitalFen: op.registeredCapitalFen,
      address: `广州市${op.districtName}${rng.pick(STREETS)}${rng.int(1, 999)}号${rng.int(1, 30)}0${rng.int(1, 9)}房`,
      districtCode: op.districtCode,
      status,
      establishedOn: op.establishedOn,
      registrationAuthority: `广州市${op.districtName}市场监督管理局`,
    });
  });
  await insertInChunks(db, Operator, operators);
}
