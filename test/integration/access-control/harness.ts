import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Caller } from '../../../shared/auth/caller';
import { Scope } from '../../../shared/auth/caller';
import { completeUscc } from '../../../shared/credit-code/uscc';
import { openAccessControlStore, type AccessControlOptions, type AccessControlStore } from '../../../shared/access-control';
import { createFreshDatabase, TEST_POSTGRES } from '../../support/postgres';

export interface TestStore {
  store: AccessControlStore;
  options: AccessControlOptions;
  /** Closes the store and removes its database. */
  dispose(): Promise<void>;
}

/** A fresh access-control store: SQLite in a temporary data directory, or a new PostgreSQL database. */
export async function openTestStore(label: string, extra: Partial<AccessControlOptions> = {}): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ocg-ac-${label}-`));
  const pg = TEST_POSTGRES ? await createFreshDatabase(`ac_${label}`) : undefined;
  const options: AccessControlOptions = { dataDir, databaseUrl: pg?.url, ...extra };
  const store = await openAccessControlStore(options);
  return {
    store,
    options,
    dispose: async () => {
      await store.close();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The i-th valid credit code of the tests. */
export function uscc(i: number): string {
  return completeUscc('91', '440101', String(10000000 + i));
}

export function operatorCaller(...codes: string[]): Caller {
  return {
    authenticated: true,
    role: 'operator',
    subject: `operator-${codes[0]}`,
    scopes: new Set([Scope.OPERATOR_SELF]),
    operators: codes,
  };
}

export function adminCaller(): Caller {
  return { authenticated: true, role: 'admin', subject: 'admin-1', scopes: new Set([Scope.ADMIN]), operators: [] };
}

export function evaluatorCaller(subject: string): Caller {
  return { authenticated: true, role: 'evaluator', subject, scopes: new Set([Scope.CREDIT_READ]), operators: [] };
}

export function agencyCaller(): Caller {
  return {
    authenticated: true,
    role: 'agency',
    subject: 'clerk-7',
    agency: 'market-regulation',
    scopes: new Set([Scope.GOV_SHARED, 'agency:market-regulation']),
    operators: [],
  };
}

export const DAY = 24 * 60 * 60 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY);
