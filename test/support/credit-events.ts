import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../shared/config/config';
import { createApplyContext, createEventApplier } from '../../shared/events/consumer';
import { OutboxEvent } from '../../shared/events/entities';
import { emitEvents, toEnvelope } from '../../shared/events/outbox';
import { createLogger } from '../../shared/logging/logger';
import { openSubgraphDatabase, seedIfEmpty } from '../../shared/subgraph/start-subgraph';
import { customsSubgraph } from '../../subgraphs/customs';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import type { AgencyId } from '../../shared/config/agencies';
import type {
  CreditListChange, EventEnvelope, EventHandler, EventPayloads, EventType, JointMeasureChange,
} from '../../shared/events/contract';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import type { SubgraphHarness } from './subgraph-harness';
import type { DataSource } from 'typeorm';

let sequence = 0;

/** A CreditListChange envelope as the deciding agency's outbox would publish it. */
export function listChange(
  payload: Partial<CreditListChange> & Pick<CreditListChange, 'operatorUscc' | 'decisionNumber' | 'effectiveOn'>,
  sourceAgency: AgencyId = 'market-regulation',
): EventEnvelope<'CreditListChange'> {
  const full: CreditListChange = { kind: 'SERIOUS_DISHONEST', action: 'LISTED', listingDecisionNumber: payload.decisionNumber, ...payload };
  sequence += 1;
  return envelope('CreditListChange', sourceAgency, full, { sequence });
}

/**
 * Runs the subgraph's own CreditListChange handler on `event` in one transaction of its real database, as the
 * transport does, and returns the feedback events it emitted. No dedup by event id here: the handlers must be safe
 * on repeated content by themselves.
 */
export async function deliver(
  h: SubgraphHarness,
  definition: SubgraphDefinition,
  event: EventEnvelope<'CreditListChange'>,
): Promise<JointMeasureChange[]> {
  const handler = definition.eventHandlers?.CreditListChange;
  if (!handler) throw new Error(`${definition.agency} has no CreditListChange handler`);
  return jointMeasureChanges(await applyEvent(h.subgraph.database.dataSource, handler, event, definition.agency));
}

/**
 * The CreditListChange events of the seeded decisions (market regulation's listings and removals, customs'
 * findings) for a seed of `seedOperators`, read from the outboxes of freshly seeded in-memory databases of the two
 * deciding agencies, in the order a transport would deliver them (effective time, then each source's sequence).
 */
export async function seededDecisionEvents(seedOperators: number): Promise<EventEnvelope<'CreditListChange'>[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-seeded-decisions-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, SEED_ON_START: 'false' });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const events: EventEnvelope<'CreditListChange'>[] = [];
  try {
    for (const definition of [marketRegulationSubgraph, customsSubgraph]) {
      const database = await openSubgraphDatabase(definition, { config, log, inMemory: true });
      try {
        await seedIfEmpty(definition, database, seedOperators, config.seed, log);
        const rows = await database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'CreditListChange' }, order: { sequence: 'ASC' } });
        events.push(...rows.map((row) => toEnvelope(row) as EventEnvelope<'CreditListChange'>));
      } finally {
        await database.dataSource.destroy();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/**
 * Applies the seeded decisions' events to a subgraph started alone, as the stack's transport would on start (a lone
 * subgraph hears no other agency's outbox): its measures then match the seeded listings, as in the full stack.
 */
export async function applySeededDecisions(h: SubgraphHarness, definition: SubgraphDefinition, seedOperators: number): Promise<number> {
  if (!definition.eventHandlers) return 0;
  const apply = createEventApplier(definition.agency, h.subgraph.database.dataSource, definition.eventHandlers);
  const events = await seededDecisionEvents(seedOperators);
  for (const event of events) await apply(event);
  return events.length;
}

/** An envelope as the transport delivers it (fresh id unless given). */
export function envelope<T extends EventType>(
  type: T, sourceAgency: AgencyId, payload: EventPayloads[T], options: { id?: string; sequence?: number } = {},
): EventEnvelope<T> {
  return {
    id: options.id ?? randomUUID(), type, sourceAgency, sequence: options.sequence ?? 1, occurredAt: new Date().toISOString(), payload,
  };
}

export function listed(
  kind: CreditListChange['kind'], operatorUscc: string, decisionNumber: string, effectiveOn: string,
): CreditListChange {
  return { kind, action: 'LISTED', operatorUscc, decisionNumber, listingDecisionNumber: decisionNumber, effectiveOn };
}

export function removed(
  kind: CreditListChange['kind'], operatorUscc: string, listingDecisionNumber: string, decisionNumber: string, effectiveOn: string,
  action: 'REMOVED' | 'REPAIRED' = 'REMOVED',
): CreditListChange {
  return { kind, action, operatorUscc, decisionNumber, listingDecisionNumber, effectiveOn };
}

export interface Emitted {
  type: EventType;
  payload: EventPayloads[EventType];
}

/**
 * Applies one event with a subgraph's real handler in one transaction on its real database, as the transport
 * does; returns what the handler emitted in order. Given the consuming agency, the emitted events are also written to
 * its outbox, as the transport writes them.
 */
export async function applyEvent<T extends EventType>(
  db: DataSource, handler: EventHandler<T> | undefined, event: EventEnvelope<T>, agency?: AgencyId,
): Promise<Emitted[]> {
  if (!handler) throw new Error(`no handler for ${event.type}`);
  const emitted: Emitted[] = [];
  await db.transaction(async (m) => {
    const { context, flush } = createApplyContext();
    await handler(event, m, async (type, payload) => {
      emitted.push({ type, payload });
    }, context);
    await flush();
    if (agency) await emitEvents(m, agency, emitted.map((e) => ({ ...e, occurredAt: new Date().toISOString() })));
  });
  return emitted;
}

export const jointMeasureChanges = (emitted: Emitted[]) =>
  emitted.filter((e) => e.type === 'JointMeasureChange').map((e) => e.payload as JointMeasureChange);
