import { registerEnumType } from 'type-graphql';

/* Enumerations of the market-regulation subgraph. Names are prefixed where another agency could use the same word. */

export enum AbnormalOperationReason {
  ANNUAL_REPORT_NOT_FILED = 'ANNUAL_REPORT_NOT_FILED',
  INSTANT_INFO_NOT_DISCLOSED = 'INSTANT_INFO_NOT_DISCLOSED',
  FALSE_INFO = 'FALSE_INFO',
  UNREACHABLE = 'UNREACHABLE',
}
registerEnumType(AbnormalOperationReason, {
  name: 'AbnormalOperationReason',
  description: 'Reason for listing in the abnormal operations list (经营异常名录列入事由)',
  valuesConfig: {
    ANNUAL_REPORT_NOT_FILED: { description: 'Annual report not filed by 30 June (未按规定报送年度报告)' },
    INSTANT_INFO_NOT_DISCLOSED: { description: 'Instant information not disclosed when required (未按规定公示即时信息)' },
    FALSE_INFO: { description: 'Disclosed information concealed facts or was false (公示信息隐瞒真实情况、弄虚作假)' },
    UNREACHABLE: { description: 'Not reachable at the registered address (通过登记的住所或者经营场所无法联系)' },
  },
});

export enum SeriousDishonestGround {
  FOOD = 'FOOD',
  DRUG_DEVICE_COSMETIC = 'DRUG_DEVICE_COSMETIC',
  QUALITY_SAFETY = 'QUALITY_SAFETY',
  CONSUMER_RIGHTS = 'CONSUMER_RIGHTS',
  FAIR_COMPETITION = 'FAIR_COMPETITION',
  FALSE_ADVERTISING = 'FALSE_ADVERTISING',
  REGISTRATION_FRAUD = 'REGISTRATION_FRAUD',
  ABNORMAL_LIST_3_YEARS = 'ABNORMAL_LIST_3_YEARS',
  OBSTRUCTION = 'OBSTRUCTION',
}
registerEnumType(SeriousDishonestGround, {
  name: 'SeriousDishonestGround',
  description: 'Ground for listing in the serious illegal and dishonest list (严重违法失信名单列入情形, SAMR order 44)',
  valuesConfig: {
    FOOD: { description: 'Food safety (食品安全领域)' },
    DRUG_DEVICE_COSMETIC: { description: 'Drugs, medical devices, cosmetics (药品、医疗器械、化妆品领域)' },
    QUALITY_SAFETY: { description: 'Product quality and safety (质量安全领域)' },
    CONSUMER_RIGHTS: { description: 'Consumer rights (侵害消费者权益)' },
    FAIR_COMPETITION: { description: 'Fair competition, incl. organising fake transactions (破坏公平竞争秩序, 组织虚假交易)' },
    FALSE_ADVERTISING: { description: 'False advertising (虚假广告)' },
    REGISTRATION_FRAUD: { description: 'Registration fraud (提交虚假材料或者采取其他欺诈手段隐瞒重要事实取得登记)' },
    ABNORMAL_LIST_3_YEARS: { description: 'Still on the abnormal operations list after 3 years (列入经营异常名录满三年)' },
    OBSTRUCTION: { description: 'Refusing or obstructing inspection (拒绝、阻碍、干扰监督检查)' },
  },
});

export enum SeriousDishonestRemovalKind {
  AUTOMATIC = 'AUTOMATIC',
  EARLY_REPAIR = 'EARLY_REPAIR',
  CORRECTED = 'CORRECTED',
}
registerEnumType(SeriousDishonestRemovalKind, {
  name: 'SeriousDishonestRemovalKind',
  description: 'How a serious-list entry ended (移出方式)',
  valuesConfig: {
    AUTOMATIC: { description: 'Removed automatically when the listing period ended (期满自动移出)' },
    EARLY_REPAIR: { description: 'Early removal after credit repair (信用修复提前移出)' },
    CORRECTED: { description: 'Listing revoked or corrected, e.g. basis penalty set aside (撤销/更正)' },
  },
});

export enum SeriousDishonestMeasure {
  KEY_SUPERVISION = 'KEY_SUPERVISION',
  HIGHER_INSPECTION_RATIO = 'HIGHER_INSPECTION_RATIO',
  NO_NOTIFICATION_COMMITMENT = 'NO_NOTIFICATION_COMMITMENT',
  GOVERNMENT_PROCUREMENT_RESTRICTED = 'GOVERNMENT_PROCUREMENT_RESTRICTED',
  GOVERNMENT_FUNDING_RESTRICTED = 'GOVERNMENT_FUNDING_RESTRICTED',
  NO_HONOURS = 'NO_HONOURS',
}
registerEnumType(SeriousDishonestMeasure, {
  name: 'SeriousDishonestMeasure',
  description: 'Management measures applied to a serious-list entry (管理措施)',
  valuesConfig: {
    KEY_SUPERVISION: { description: 'Key supervision (列为重点监管对象)' },
    HIGHER_INSPECTION_RATIO: { description: 'Higher double-random inspection ratio and frequency (提高抽查比例和频次)' },
    NO_NOTIFICATION_COMMITMENT: { description: 'No notification-commitment in licensing (不适用告知承诺制)' },
    GOVERNMENT_PROCUREMENT_RESTRICTED: { description: 'Restricted in government procurement (限制参加政府采购)' },
    GOVERNMENT_FUNDING_RESTRICTED: { description: 'Restricted from government funds and subsidies (限制政府资金支持)' },
    NO_HONOURS: { description: 'No honours or awards (不授予荣誉称号)' },
  },
});

export enum MarketRegulationPenaltyCategory {
  WARNING = 'WARNING',
  CIRCULATED_CRITICISM = 'CIRCULATED_CRITICISM',
  FINE = 'FINE',
  CONFISCATION_OF_ILLEGAL_GAINS = 'CONFISCATION_OF_ILLEGAL_GAINS',
  CONFISCATION_OF_PROPERTY = 'CONFISCATION_OF_PROPERTY',
  LICENCE_SUSPENDED = 'LICENCE_SUSPENDED',
  LICENCE_DOWNGRADED = 'LICENCE_DOWNGRADED',
  LICENCE_REVOKED = 'LICENCE_REVOKED',
  PRODUCTION_RESTRICTED = 'PRODUCTION_RESTRICTED',
  PRODUCTION_SUSPENDED = 'PRODUCTION_SUSPENDED',
  CLOSURE = 'CLOSURE',
  EMPLOYMENT_RESTRICTION = 'EMPLOYMENT_RESTRICTION',
  DETENTION = 'DETENTION',
  OTHER = 'OTHER',
}
registerEnumType(MarketRegulationPenaltyCategory, {
  name: 'MarketRegulationPenaltyCategory',
  description: 'Kind of administrative penalty (行政处罚种类, Administrative Penalty Law art. 9)',
  valuesConfig: {
    WARNING: { description: 'Warning (警告)' },
    CIRCULATED_CRITICISM: { description: 'Circulated criticism (通报批评)' },
    FINE: { description: 'Fine (罚款)' },
    CONFISCATION_OF_ILLEGAL_GAINS: { description: 'Confiscation of illegal gains (没收违法所得)' },
    CONFISCATION_OF_PROPERTY: { description: 'Confiscation of illegal property (没收非法财物)' },
    LICENCE_SUSPENDED: { description: 'Licence suspended (暂扣许可证件)' },
    LICENCE_DOWNGRADED: { description: 'Qualification downgraded (降低资质等级)' },
    LICENCE_REVOKED: { description: 'Licence revoked (吊销许可证件)' },
    PRODUCTION_RESTRICTED: { description: 'Production and business activities restricted (限制开展生产经营活动)' },
    PRODUCTION_SUSPENDED: { description: 'Production or business suspended (责令停产停业)' },
    CLOSURE: { description: 'Ordered to close (责令关闭)' },
    EMPLOYMENT_RESTRICTION: { description: 'Employment restriction (限制从业)' },
    DETENTION: { description: 'Administrative detention (行政拘留)' },
    OTHER: { description: 'Other penalty provided by law (其他行政处罚)' },
  },
});

export enum MarketRegulationPenaltySeverity {
  ORDINARY = 'ORDINARY',
  AGGRAVATED_FINE = 'AGGRAVATED_FINE',
  QUALIFICATION_DOWNGRADE = 'QUALIFICATION_DOWNGRADE',
  LICENCE_REVOCATION = 'LICENCE_REVOCATION',
  SUSPENSION_OR_CLOSURE = 'SUSPENSION_OR_CLOSURE',
  BUSINESS_RESTRICTION = 'BUSINESS_RESTRICTION',
  OTHER_HEAVIER = 'OTHER_HEAVIER',
}
registerEnumType(MarketRegulationPenaltySeverity, {
  name: 'MarketRegulationPenaltySeverity',
  description:
    'Severity of an administrative penalty; every value but ORDINARY is a heavier penalty (较重行政处罚, SAMR order 44 art. 2) that can be the basis of a serious-list entry',
  valuesConfig: {
    ORDINARY: { description: 'Not a heavier penalty, e.g. a fine within the ordinary range of the discretion benchmark (一般行政处罚)' },
    AGGRAVATED_FINE: { description: 'Fine imposed under the aggravation rule of the discretion benchmark (依照裁量基准从重处以罚款)' },
    QUALIFICATION_DOWNGRADE: { description: 'Qualification downgraded (降低资质等级)' },
    LICENCE_REVOCATION: { description: 'Licence or business licence revoked (吊销许可证件、营业执照)' },
    SUSPENSION_OR_CLOSURE: { description: 'Production or business suspended, or ordered to close (责令停产停业、责令关闭)' },
    BUSINESS_RESTRICTION: { description: 'Production and business activities or employment restricted (限制开展生产经营活动、限制从业)' },
    OTHER_HEAVIER: { description: 'Other heavier penalty provided by law, regulation or rules (其他较重行政处罚)' },
  },
});

export enum SeriousRemovalCondition {
  ONE_YEAR_ON_LIST = 'ONE_YEAR_ON_LIST',
  BASIS_PENALTY_PERFORMED = 'BASIS_PENALTY_PERFORMED',
  RESTRICTION_PERIOD_ENDED = 'RESTRICTION_PERIOD_ENDED',
  HARM_REMOVED = 'HARM_REMOVED',
  NO_NEW_HEAVIER_PENALTY = 'NO_NEW_HEAVIER_PENALTY',
  ABNORMAL_LISTINGS_CURED = 'ABNORMAL_LISTINGS_CURED',
}

export enum MarketRegulationLawField {
  GENERAL = 'GENERAL',
  FOOD = 'FOOD',
  DRUG = 'DRUG',
  SPECIAL_EQUIPMENT = 'SPECIAL_EQUIPMENT',
}
registerEnumType(MarketRegulationLawField, {
  name: 'MarketRegulationLawField',
  description: 'Field of law of a penalty; decides the minimum period before credit repair (领域)',
  valuesConfig: {
    GENERAL: { description: 'General market regulation (一般领域)' },
    FOOD: { description: 'Food safety (食品领域)' },
    DRUG: { description: 'Drugs, medical devices and cosmetics (药品、医疗器械、化妆品领域)' },
    SPECIAL_EQUIPMENT: { description: 'Special equipment (特种设备领域)' },
  },
});

export enum MarketRegulationLicenseCategory {
  GENERAL = 'GENERAL',
  FRANCHISE = 'FRANCHISE',
  RECOGNITION = 'RECOGNITION',
  APPROVAL = 'APPROVAL',
  REGISTRATION = 'REGISTRATION',
  OTHER = 'OTHER',
}
registerEnumType(MarketRegulationLicenseCategory, {
  name: 'MarketRegulationLicenseCategory',
  description: 'Category of administrative licence (行政许可类别)',
  valuesConfig: {
    GENERAL: { description: 'General licence (普通)' },
    FRANCHISE: { description: 'Franchise (特许)' },
    RECOGNITION: { description: 'Recognition (认可)' },
    APPROVAL: { description: 'Approval (核准)' },
    REGISTRATION: { description: 'Registration (登记)' },
    OTHER: { description: 'Other (其他)' },
  },
});

export enum MarketRegulationLicenseStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MarketRegulationLicenseStatus, {
  name: 'MarketRegulationLicenseStatus',
  description: 'Status of an administrative licence (许可状态); EXPIRED is computed from the validity date',
  valuesConfig: {
    VALID: { description: 'Valid (有效)' },
    EXPIRED: { description: 'Past its validity date (过期)' },
    REVOKED: { description: 'Revoked (吊销/撤销)' },
    CANCELLED: { description: 'Cancelled (注销)' },
  },
});

export enum MarketRegulationRiskClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(MarketRegulationRiskClass, {
  name: 'MarketRegulationRiskClass',
  description: 'Credit risk class of tiered supervision (信用风险分类): A low ... D high',
  valuesConfig: {
    A: { description: 'Low risk (信用风险低)' },
    B: { description: 'Ordinary risk (信用风险一般)' },
    C: { description: 'Elevated risk (信用风险较高)' },
    D: { description: 'High risk (信用风险高)' },
  },
});

export enum DoubleRandomInspectionResult {
  NO_ISSUES = 'NO_ISSUES',
  ISSUES_CORRECTED = 'ISSUES_CORRECTED',
  ISSUES_PENDING = 'ISSUES_PENDING',
  INFO_NOT_DISCLOSED = 'INFO_NOT_DISCLOSED',
  FALSE_PUBLIC_INFO = 'FALSE_PUBLIC_INFO',
  UNREACHABLE_AT_ADDRESS = 'UNREACHABLE_AT_ADDRESS',
  NO_RELEVANT_ACTIVITY = 'NO_RELEVANT_ACTIVITY',
  REFUSED_INSPECTION = 'REFUSED_INSPECTION',
}
registerEnumType(DoubleRandomInspectionResult, {
  name: 'DoubleRandomInspectionResult',
  description: 'Result of a "double random, one public" inspection (双随机、一公开 抽查结果)',
  valuesConfig: {
    NO_ISSUES: { description: 'No issues found (未发现问题)' },
    ISSUES_CORRECTED: { description: 'Issues found and ordered corrected (发现问题已责令改正)' },
    ISSUES_PENDING: { description: 'Issues found, follow-up pending (发现问题待后续处理)' },
    INFO_NOT_DISCLOSED: { description: 'Required information not disclosed (未按规定公示应当公示的信息)' },
    FALSE_PUBLIC_INFO: { description: 'Disclosed information false (公示信息隐瞒真实情况、弄虚作假)' },
    UNREACHABLE_AT_ADDRESS: { description: 'Not reachable at the registered address (无法联系)' },
    NO_RELEVANT_ACTIVITY: { description: 'No activity of the inspected kind (未发现开展本次抽查涉及的经营活动)' },
    REFUSED_INSPECTION: { description: 'Refused the inspection (不配合检查)' },
  },
});

export enum QualitySpotCheckResult {
  QUALIFIED = 'QUALIFIED',
  UNQUALIFIED = 'UNQUALIFIED',
}
registerEnumType(QualitySpotCheckResult, {
  name: 'QualitySpotCheckResult',
  description: 'Result of a product quality spot check (产品质量监督抽查结果)',
  valuesConfig: {
    QUALIFIED: { description: 'Qualified (合格)' },
    UNQUALIFIED: { description: 'Unqualified (不合格)' },
  },
});

export enum MarketRegulationActionKind {
  INTERVIEW = 'INTERVIEW',
  NOTICE = 'NOTICE',
  PENALTY = 'PENALTY',
}
registerEnumType(MarketRegulationActionKind, {
  name: 'MarketRegulationActionKind',
  description: 'Step of the regulatory escalation: interview → notice → administrative penalty',
  valuesConfig: {
    INTERVIEW: { description: 'Administrative interview (约谈)' },
    NOTICE: { description: 'Public notice / circular (通报)' },
    PENALTY: { description: 'Administrative penalty case (行政处罚)' },
  },
});

// Subjects exempt from registration (issue 10 part 5).
export enum ExemptionGround {
  OWN_FARM_PRODUCTS = 'OWN_FARM_PRODUCTS',
  OWN_HANDICRAFTS = 'OWN_HANDICRAFTS',
  CONVENIENCE_SERVICES = 'CONVENIENCE_SERVICES',
  SPORADIC_SMALL_TRANSACTIONS = 'SPORADIC_SMALL_TRANSACTIONS',
  OTHER_EXEMPT = 'OTHER_EXEMPT',
}
registerEnumType(ExemptionGround, {
  name: 'ExemptionGround',
  description: 'Why a seller need not register as a market subject (E-Commerce Law art. 10; 网络交易监督管理办法 art. 8)',
  valuesConfig: {
    OWN_FARM_PRODUCTS: { description: 'A natural person selling self-produced farm and sideline products (个人销售自产农副产品)' },
    OWN_HANDICRAFTS: { description: 'A natural person selling home-made handicrafts (个人销售家庭手工业产品)' },
    CONVENIENCE_SERVICES: {
      description: 'A natural person offering convenience services with own skills that need no licence (个人利用自己的技能从事依法无须取得许可的便民劳务活动)',
    },
    SPORADIC_SMALL_TRANSACTIONS: { description: 'Sporadic low-value transactions (零星小额交易活动)' },
    OTHER_EXEMPT: { description: 'Another case where laws or administrative regulations require no registration (法律、行政法规不需要进行登记的)' },
  },
});

export enum ExemptSubjectStatus {
  EXEMPT = 'EXEMPT',
  REGISTRATION_REQUIRED = 'REGISTRATION_REQUIRED',
}
registerEnumType(ExemptSubjectStatus, {
  name: 'ExemptSubjectStatus',
  description: 'Whether the exemption from registration still holds',
  valuesConfig: {
    EXEMPT: { description: 'Recorded as exempt from registration' },
    REGISTRATION_REQUIRED: {
      description: 'Staff found the exemption no longer holds (e.g. sales beyond 零星小额): the subject must register as a market subject',
    },
  },
});
