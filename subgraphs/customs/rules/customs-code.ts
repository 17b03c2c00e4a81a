/**
 * The 10-digit customs registration code (海关注册编码 / 海关编码) and its code tables.
 *
 *   positions 1-4  administrative region of the registering place (4401 = Guangzhou)
 *   position  5    economic zone (经济区划)
 *   position  6    enterprise type (企业性质)
 *   positions 7-10 sequence number within region, zone and type
 */

export enum CustomsEnterpriseType {
  STATE_OWNED = 'STATE_OWNED',
  SINO_FOREIGN_CONTRACTUAL_JV = 'SINO_FOREIGN_CONTRACTUAL_JV',
  SINO_FOREIGN_EQUITY_JV = 'SINO_FOREIGN_EQUITY_JV',
  WHOLLY_FOREIGN_OWNED = 'WHOLLY_FOREIGN_OWNED',
  COLLECTIVE = 'COLLECTIVE',
  PRIVATE = 'PRIVATE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  CUSTOMS_BROKER = 'CUSTOMS_BROKER',
  OTHER = 'OTHER',
}

export enum CustomsEconomicZone {
  SPECIAL_ECONOMIC_ZONE = 'SPECIAL_ECONOMIC_ZONE',
  DEVELOPMENT_ZONE = 'DEVELOPMENT_ZONE',
  HIGH_TECH_ZONE = 'HIGH_TECH_ZONE',
  BONDED_ZONE = 'BONDED_ZONE',
  EXPORT_PROCESSING_ZONE = 'EXPORT_PROCESSING_ZONE',
  COMPREHENSIVE_BONDED_ZONE = 'COMPREHENSIVE_BONDED_ZONE',
  BONDED_LOGISTICS_PARK = 'BONDED_LOGISTICS_PARK',
  OTHER = 'OTHER',
}

/** Position 6 (企业性质). */
export const ENTERPRISE_TYPE_DIGITS: Readonly<Record<string, CustomsEnterpriseType>> = {
  '1': CustomsEnterpriseType.STATE_OWNED,
  '2': CustomsEnterpriseType.SINO_FOREIGN_CONTRACTUAL_JV,
  '3': CustomsEnterpriseType.SINO_FOREIGN_EQUITY_JV,
  '4': CustomsEnterpriseType.WHOLLY_FOREIGN_OWNED,
  '5': CustomsEnterpriseType.COLLECTIVE,
  '6': CustomsEnterpriseType.PRIVATE,
  '7': CustomsEnterpriseType.INDIVIDUAL_BUSINESS,
  '8': CustomsEnterpriseType.CUSTOMS_BROKER,
  '9': CustomsEnterpriseType.OTHER,
};

/** Position 5 (经济区划). 0 and 8 are not assigned. */
export const ECONOMIC_ZONE_DIGITS: Readonly<Record<string, CustomsEconomicZone>> = {
  '1': CustomsEconomicZone.SPECIAL_ECONOMIC_ZONE,
  '2': CustomsEconomicZone.DEVELOPMENT_ZONE,
  '3': CustomsEconomicZone.HIGH_TECH_ZONE,
  '4': CustomsEconomicZone.BONDED_ZONE,
  '5': CustomsEconomicZone.EXPORT_PROCESSING_ZONE,
  '6': CustomsEconomicZone.COMPREHENSIVE_BONDED_ZONE,
  '7': CustomsEconomicZone.BONDED_LOGISTICS_PARK,
  '9': CustomsEconomicZone.OTHER,
};

export const ENTERPRISE_TYPE_DIGIT_OF: Readonly<Record<CustomsEnterpriseType, string>> = Object.fromEntries(
  Object.entries(ENTERPRISE_TYPE_DIGITS).map(([digit, type]) => [type, digit]),
) as Record<CustomsEnterpriseType, string>;

export const ECONOMIC_ZONE_DIGIT_OF: Readonly<Record<CustomsEconomicZone, string>> = Object.fromEntries(
  Object.entries(ECONOMIC_ZONE_DIGITS).map(([digit, zone]) => [zone, digit]),
) as Record<CustomsEconomicZone, string>;

/** First two digits of the region: the province-level divisions of GB/T 2260. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);

/** Region of the Guangzhou seed and of this system's home customs district. */
export const GUANGZHOU_REGION = '4401';

export type CustomsCodeFault =
  | { kind: 'LENGTH'; length: number }
  | { kind: 'CHARACTER'; position: number; character: string }
  | { kind: 'REGION'; region: string }
  | { kind: 'ECONOMIC_ZONE'; digit: string }
  | { kind: 'ENTERPRISE_TYPE'; digit: string }
  | { kind: 'SEQUENCE'; sequence: string };

/** What is wrong with a customs code, or null when it is well formed. */
export function findCustomsCodeFault(code: string): CustomsCodeFault | null {
  for (let i = 0; i < code.length; i++) {
    if (!/[0-9]/.test(code[i])) return { kind: 'CHARACTER', position: i + 1, character: code[i] };
  }
  if (code.length !== 10) return { kind: 'LENGTH', length: code.length };
  const region = code.slice(0, 4);
  if (!PROVINCE_PREFIXES.has(region.slice(0, 2)) || region.slice(2) === '00') return { kind: 'REGION', region };
  if (!ECONOMIC_ZONE_DIGITS[code[4]]) return { kind: 'ECONOMIC_ZONE', digit: code[4] };
  if (!ENTERPRISE_TYPE_DIGITS[code[5]]) return { kind: 'ENTERPRISE_TYPE', digit: code[5] };
  if (code.slice(6) === '0000') return { kind: 'SEQUENCE', sequence: code.slice(6) };
  return null;
}

export function describeCustomsCodeFault(code: string, fault: CustomsCodeFault): string {
  const prefix = `Invalid customs code "${code}"`;
  switch (fault.kind) {
    case 'CHARACTER':
      return `${prefix}: character "${fault.character}" at position ${fault.position} is not a digit (a customs code has digits only)`;
    case 'LENGTH':
      return `${prefix}: must be 10 digits, got ${fault.length}`;
    case 'REGION':
      return `${prefix}: positions 1-4 (region) "${fault.region}" are not a city-level administrative region (e.g. 4401 Guangzhou)`;
    case 'ECONOMIC_ZONE':
      return `${prefix}: position 5 (economic zone) "${fault.digit}" is not assigned (allowed: 1-7, 9)`;
    case 'ENTERPRISE_TYPE':
      return `${prefix}: position 6 (enterprise type) "${fault.digit}" is not assigned (allowed: 1-9)`;
    case 'SEQUENCE':
      return `${prefix}: positions 7-10 (sequence) must not be 0000`;
  }
}

export interface ParsedCustomsCode {
  region: string;
  economicZone: CustomsEconomicZone;
  enterpriseType: CustomsEnterpriseType;
  sequence: string;
}

/** Parts of a well-formed code (validate with findCustomsCodeFault first). */
export function parseCustomsCode(code: string): ParsedCustomsCode {
  return {
    region: code.slice(0, 4),
    economicZone: ECONOMIC_ZONE_DIGITS[code[4]] ?? CustomsEconomicZone.OTHER,
    enterpriseType: ENTERPRISE_TYPE_DIGITS[code[5]] ?? CustomsEnterpriseType.OTHER,
    sequence: code.slice(6),
  };
}
