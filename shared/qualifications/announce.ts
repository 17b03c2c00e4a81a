import type { DataSource, EntityManager } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import { lockForWrite } from '../database/duplicates';
import { runInBackground } from '../database/query-counter';
import type { QualificationChange } from '../events/contract';
import { OutboxEvent } from '../events/entities';
import { insertSeededEvents } from '../events/seed-outbox';

/**
 * Publishes every permit or licence the agency holds, once, when its outbox never carried a QualificationChange: a
 * database written before the event existed then tells customs what it holds, as a seeded or live one already did.
 * Run on start, before the service answers; with several replicas starting at once, a second announcement states the
 * same documents again and changes nothing at customs.
 */
export async function announceQualificationsOnce(
  dataSource: DataSource,
  agency: AgencyId,
  documents: (manager: EntityManager) => Promise<QualificationChange[]>,
): Promise<number> {
  return runInBackground(() => dataSource.transaction(async (m) => {
    // The same turn live events take for their sequence numbers (see createEmitEvent).
    await lockForWrite(m, 'outbox-sequence');
    if (await m.getRepository(OutboxEvent).existsBy({ type: 'QualificationChange' })) return 0;
    const changes = await documents(m);
    const at = new Date().toISOString();
    return insertSeededEvents(m, agency, changes.map((payload) => ({ type: 'QualificationChange' as const, payload, occurredAt: at })));
  }));
}
