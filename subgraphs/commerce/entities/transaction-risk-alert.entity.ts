import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CreditListKind } from '../../../shared/events/contract';
import { DateScalar } from '../../../shared/graphql/scalars';

export enum TransactionRiskAlertKind {
  COUNTERFEIT_GOODS = 'COUNTERFEIT_GOODS',
  FALSE_ADVERTISING = 'FALSE_ADVERTISING',
  FAKE_TRANSACTIONS = 'FAKE_TRANSACTIONS',
  AFTER_SALES_REFUSAL = 'AFTER_SALES_REFUSAL',
  FRAUD_SUSPECTED = 'FRAUD_SUSPECTED',
  DISHONEST_LIST = 'DISHONEST_LIST',
}
registerEnumType(TransactionRiskAlertKind, {
  name: 'TransactionRiskAlertKind',
  description:
    'Reason of a transaction credit-risk alert: counterfeit goods (假冒伪劣), false advertising (虚假宣传), ' +
    'fake transactions (刷单炒信), refusal of after-sales service (拒绝售后), suspected fraud (涉嫌欺诈), ' +
    'listed as dishonest (列入失信名单)',
});

export enum TransactionRiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(TransactionRiskLevel, {
  name: 'TransactionRiskLevel',
  description: 'Level of a transaction credit-risk alert (风险等级)',
});

@ObjectType({
  description: 'A transaction credit-risk alert (交易信用风险提示) shown to consumers on a platform',
})
@Entity('transaction_risk_alert')
@Access(ShareClass.PUBLIC)
export class TransactionRiskAlert {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  operatorUscc: string;

  @Field({ description: 'Platform showing the alert' })
  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Field(() => TransactionRiskAlertKind)
  @Column({ type: 'varchar', length: 32 })
  kind: TransactionRiskAlertKind;

  @Field(() => TransactionRiskLevel)
  @Column({ type: 'varchar', length: 8 })
  level: TransactionRiskLevel;

  @Field({ description: 'The message shown to consumers before they buy' })
  @Column({ type: 'varchar', length: 500 })
  consumerMessage: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  issuedOn: string;

  @Field(() => DateScalar, { description: 'Last day the alert is shown' })
  @Column({ type: 'date' })
  expiresOn: string;

  /** The listing a DISHONEST_LIST alert follows (set by the credit list push; null for alerts issued by hand). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  basisListKind: CreditListKind | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  basisDecisionNumber: string | null;
}
