import { Initial1795970820033 } from './1795970820033-Initial';
import { AuditChainVersion1796014526997 } from './1796014526997-AuditChainVersion';

/** PostgreSQL migrations of the access-control store in the order they run (generated). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const accessControlMigrations: Function[] = [Initial1795970820033, AuditChainVersion1796014526997];
