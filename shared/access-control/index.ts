export {
  openAccessControlStore,
  createAccessControlStore,
  accessControlLocation,
  accessControlDataSource,
  ACCESS_CONTROL_SQLITE_FILE,
  ACCESS_CONTROL_MIGRATIONS_TABLE,
  type AccessControlOptions,
  type AccessControlStore,
} from './store';
export { DEFAULT_MAX_CONSENT_DAYS, isAdmin, isConsentActive, type GrantConsentInput } from './consent';
export { createConsentLoader } from './consent-loader';
export { checkPurposeHeader, normalisePurpose, readPurposeHeader, MAX_PURPOSE_LENGTH, PURPOSE_HEADER } from './purpose';
export { createAuditCollector, type AuditCollector, type AuditCollectorOptions } from './audit-collector';
export type { AuditEntry, AuditRecord, AccessLogPage, VerifyResult } from './audit-log';
export { chainHash, chainMac, canonicalize, GENESIS_HASH, KEYED_CHAIN_VERSION } from './audit-hash';
export { CheckpointFile, type Checkpoint } from './audit-checkpoints';
export { resolveAuditKey } from './audit-key';
export { AUDIT_ADVISORY_LOCK_KEY } from './context';
export type { ConsentGrant, StoreKind } from './entities';
