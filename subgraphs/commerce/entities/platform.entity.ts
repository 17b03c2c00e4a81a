import { Access } from '../../../shared/auth/access';
import { ShareClass } from '../../../shared/auth/share-class';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum CommercePlatformKind {
  COMPREHENSIVE_MARKETPLACE = 'COMPREHENSIVE_MARKETPLACE',
  GROUP_BUYING = 'GROUP_BUYING',
  LIVE_STREAMING = 'LIVE_STREAMING',
  SOCIAL_COMMERCE = 'SOCIAL_COMMERCE',
  LOCAL_SERVICES = 'LOCAL_SERVICES',
  FLASH_SALE = 'FLASH_SALE',
  CROSS_BORDER = 'CROSS_BORDER',
}
registerEnumType(CommercePlatformKind, {
  name: 'CommercePlatformKind',
  description:
    'Kind of e-commerce platform: comprehensive marketplace (综合电商), group buying (拼团), live-streaming ' +
    'commerce (直播电商), social commerce (社交电商), local services (本地生活), flash sale (特卖), cross-border (跨境电商)',
});

/**
 * An e-commerce platform operator (电子商务平台经营者). Owned by commerce; other subgraphs refer to it
 * by its `id` (e.g. `taobao`).
 */
@ObjectType({ description: 'An e-commerce platform (电子商务平台), keyed by its identifier such as `taobao`' })
@Directive('@key(fields: "id")')
@Entity('platform')
@Access(ShareClass.PUBLIC)
export class Platform {
  @Field(() => ID, { description: 'Platform identifier, lower case, e.g. `taobao`, `jd`' })
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Field({ description: 'Platform name, e.g. 淘宝' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'Registered name of the company operating the platform (平台经营者)' })
  @Column({ type: 'varchar', length: 200 })
  operatingCompanyName: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码) of the operating company' })
  @Column({ type: 'varchar', length: 18 })
  operatingCompanyUscc: string;

  @Field(() => CommercePlatformKind)
  @Column({ type: 'varchar', length: 32 })
  kind: CommercePlatformKind;
}
