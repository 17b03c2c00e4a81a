import { registerEnumType } from 'type-graphql';
import { CrossBorderQualification, CrossBorderRegime, CrossBorderRoleKind } from '../rules/cross-border';
import {
  CustomsAuditFrequency, CustomsCreditLevel, CustomsGuaranteeRequirement, CustomsInspectionRateBound,
} from '../rules/credit-rules';
import { CustomsEconomicZone, CustomsEnterpriseType } from '../rules/customs-code';

/** GraphQL enums of the customs subgraph; all names carry the Customs/CrossBorder prefix. */

export enum CustomsRegistrationStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  CANCELLED = 'CANCELLED',
}

export enum CustomsDishonestyGround {
  SMUGGLING = 'SMUGGLING',
  VIOLATION_RATIO = 'VIOLATION_RATIO',
  UNPAID_TAX = 'UNPAID_TAX',
  UNPAID_FINES = 'UNPAID_FINES',
  OBSTRUCTION = 'OBSTRUCTION',
  BRIBERY = 'BRIBERY',
  OTHER = 'OTHER',
}

export enum CustomsDishonestyRemovalKind {
  CREDIT_REPAIR = 'CREDIT_REPAIR',
  CORRECTED = 'CORRECTED',
}

export enum CustomsPenaltyCaseKind {
  SMUGGLING = 'SMUGGLING',
  REGULATORY_VIOLATION = 'REGULATORY_VIOLATION',
  FALSE_DECLARATION = 'FALSE_DECLARATION',
  IPR_INFRINGEMENT = 'IPR_INFRINGEMENT',
  QUARANTINE_VIOLATION = 'QUARANTINE_VIOLATION',
  OTHER = 'OTHER',
}

export {
  CrossBorderQualification, CrossBorderRegime, CrossBorderRoleKind, CustomsAuditFrequency, CustomsCreditLevel,
  CustomsEconomicZone, CustomsEnterpriseType, CustomsGuaranteeRequirement, CustomsInspectionRateBound,
};

registerEnumType(CustomsRegistrationStatus, {
  name: 'CustomsRegistrationStatus',
  description: 'Status of a customs registration (海关注册登记状态)',
  valuesConfig: {
    ACTIVE: { description: 'Registered and active (正常)' },
    SUSPENDED: { description: 'Suspended by customs (暂停)' },
    CANCELLED: { description: 'Cancelled (注销)' },
  },
});

registerEnumType(CustomsEnterpriseType, {
  name: 'CustomsEnterpriseType',
  description: 'Enterprise type (企业性质), position 6 of the customs code',
  valuesConfig: {
    STATE_OWNED: { description: '1 State-owned (国有企业)' },
    SINO_FOREIGN_CONTRACTUAL_JV: { description: '2 Sino-foreign contractual joint venture (中外合作企业)' },
    SINO_FOREIGN_EQUITY_JV: { description: '3 Sino-foreign equity joint venture (中外合资企业)' },
    WHOLLY_FOREIGN_OWNED: { description: '4 Wholly foreign-owned (外商独资企业)' },
    COLLECTIVE: { description: '5 Collective (集体企业)' },
    PRIVATE: { description: '6 Private (私营企业)' },
    INDIVIDUAL_BUSINESS: { description: '7 Individual business (个体工商户)' },
    CUSTOMS_BROKER: { description: '8 Customs declaration enterprise (报关企业)' },
    OTHER: { description: '9 Other (其他)' },
  },
});

registerEnumType(CustomsEconomicZone, {
  name: 'CustomsEconomicZone',
  description: 'Economic zone (经济区划), position 5 of the customs code',
  valuesConfig: {
    SPECIAL_ECONOMIC_ZONE: { description: '1 Special economic zone (经济特区)' },
    DEVELOPMENT_ZONE: { description: '2 Economic and technological development zone (经济技术开发区)' },
    HIGH_TECH_ZONE: { description: '3 High-tech industrial development zone (高新技术产业开发区)' },
    BONDED_ZONE: { description: '4 Bonded zone (保税区)' },
    EXPORT_PROCESSING_ZONE: { description: '5 Export processing zone (出口加工区)' },
    COMPREHENSIVE_BONDED_ZONE: { description: '6 Bonded port area or comprehensive bonded zone (保税港区/综合保税区)' },
    BONDED_LOGISTICS_PARK: { description: '7 Bonded logistics park (保税物流园区)' },
    OTHER: { description: '9 Other (其他)' },
  },
});

registerEnumType(CustomsCreditLevel, {
  name: 'CustomsCreditLevel',
  description:
    'Customs enterprise credit level (海关企业信用等级). Order 251 (until 2026-03-31) knows ADVANCED_CERTIFIED, REGULAR and DISHONEST; order 282 (from 2026-04-01) all five',
  valuesConfig: {
    ADVANCED_CERTIFIED: { description: 'Advanced certified enterprise, AEO (高级认证企业)' },
    CERTIFIED: { description: 'Certified enterprise (认证企业), order 282 only' },
    REGULAR: { description: 'Regular credit enterprise (一般信用企业)' },
    DISHONEST: { description: 'Dishonest enterprise (失信企业)' },
    SERIOUSLY_DISHONEST: { description: 'Seriously dishonest enterprise (严重失信企业), order 282 only' },
  },
});

registerEnumType(CustomsInspectionRateBound, {
  name: 'CustomsInspectionRateBound',
  description: 'Whether the inspection rate target is a ceiling (AT_MOST) or a floor (AT_LEAST)',
});

registerEnumType(CustomsGuaranteeRequirement, {
  name: 'CustomsGuaranteeRequirement',
  description: 'Duty guarantee (担保) required for clearance',
  valuesConfig: {
    NONE: { description: 'Guarantees waived (免除担保)' },
    REDUCED: { description: 'Reduced guarantees (减免担保)' },
    FULL: { description: 'Full guarantees as required by law' },
  },
});

registerEnumType(CustomsAuditFrequency, {
  name: 'CustomsAuditFrequency',
  description: 'Frequency of customs audits (稽查/核查) relative to regular enterprises',
});

registerEnumType(CustomsDishonestyGround, {
  name: 'CustomsDishonestyGround',
  description: 'Ground of a customs dishonesty finding (失信企业认定情形)',
  valuesConfig: {
    SMUGGLING: { description: 'Smuggling crime or smuggling conduct (走私)' },
    VIOLATION_RATIO: {
      description:
        'Violations above the ratio in a year, e.g. more than 1‰ of declarations and fines above ¥1m (违规比例超标)',
    },
    UNPAID_TAX: { description: 'Duties and taxes unpaid for more than 3 months (拖欠税款)' },
    UNPAID_FINES: { description: 'Customs fines unpaid (拖欠罚没款)' },
    OBSTRUCTION: { description: 'Refusing or obstructing customs supervision (拒绝、阻碍海关监管)' },
    BRIBERY: { description: 'Bribing customs staff (行贿)' },
    OTHER: { description: 'Other ground named in the facts' },
  },
});

registerEnumType(CustomsDishonestyRemovalKind, {
  name: 'CustomsDishonestyRemovalKind',
  description: 'How a customs dishonesty finding ended',
  valuesConfig: {
    CREDIT_REPAIR: { description: 'Credit repair granted (信用修复)' },
    CORRECTED: { description: 'Finding revoked or corrected (撤销/更正)' },
  },
});

registerEnumType(CustomsPenaltyCaseKind, {
  name: 'CustomsPenaltyCaseKind',
  description: 'Kind of customs administrative penalty case (海关行政处罚案件类别)',
  valuesConfig: {
    SMUGGLING: { description: 'Smuggling (走私行为)' },
    REGULATORY_VIOLATION: { description: 'Violation of customs supervision rules (违反海关监管规定)' },
    FALSE_DECLARATION: { description: 'False or incorrect declaration (申报不实)' },
    IPR_INFRINGEMENT: { description: 'Infringement of intellectual property rights (侵犯知识产权)' },
    QUARANTINE_VIOLATION: { description: 'Violation of entry-exit inspection and quarantine rules (违反检验检疫规定)' },
    OTHER: { description: 'Other' },
  },
});

registerEnumType(CrossBorderRoleKind, {
  name: 'CrossBorderRoleKind',
  description: 'Role of an enterprise in cross-border e-commerce (跨境电子商务企业类型)',
  valuesConfig: {
    E_COMMERCE_ENTERPRISE: { description: 'Cross-border e-commerce enterprise (跨境电子商务企业)' },
    DOMESTIC_AGENT: { description: 'Domestic agent of an overseas e-commerce enterprise (境内代理人)' },
    PLATFORM: { description: 'Cross-border e-commerce platform enterprise (跨境电子商务平台企业)' },
    PAYMENT: { description: 'Payment enterprise (支付企业); needs a payment licence' },
    LOGISTICS: { description: 'Logistics enterprise (物流企业); needs an express business permit' },
  },
});

registerEnumType(CrossBorderRegime, {
  name: 'CrossBorderRegime',
  description: 'Customs supervision regime code of cross-border e-commerce (监管方式代码)',
  valuesConfig: {
    REGIME_9610: { description: '9610 Cross-border e-commerce retail, direct mail (跨境贸易电子商务)' },
    REGIME_1210: { description: '1210 Bonded cross-border e-commerce (保税跨境贸易电子商务)' },
    REGIME_1239: { description: '1239 Bonded cross-border e-commerce A (保税跨境贸易电子商务A)' },
    REGIME_9710: { description: '9710 Cross-border e-commerce B2B direct export (跨境电子商务企业对企业直接出口)' },
    REGIME_9810: { description: '9810 Cross-border e-commerce export to overseas warehouses (跨境电子商务出口海外仓)' },
  },
});

registerEnumType(CrossBorderQualification, {
  name: 'CrossBorderQualification',
  description: "A qualification a cross-border role needs from another agency",
  valuesConfig: {
    EXPRESS_PERMIT: { description: 'Express business permit (快递业务经营许可证), held with postal' },
    PAYMENT_LICENCE: { description: 'Payment business licence (支付业务许可证), held with finance' },
  },
});
