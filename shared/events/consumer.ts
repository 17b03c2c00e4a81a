import { runInBackground } from '../database/query-counter';
import type { DataSource } from 'typeorm';
import type { AgencyId } from '../config/agencies';
import { uniqueViolationColumns } from '../database/duplicates';
import type { EventEnvelope, EventHandler, EventHandlers, EventType } from './contract';
import { ProcessedEvent } from './entities';
import { createEmitEvent } from './outbox';

export type ApplyResult = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies events to one agency's database exactly once: in ONE transaction it records (consumer, event id) as
 * processed, runs the handler, and writes the handler's follow-up events to the agency's own outbox. A duplicate
 * (already recorded, or recorded by a concurrent delivery) changes nothing; a handler error rolls everything
 * back and rejects, so the bus delivers the event again.
 */
export function createEventApplier(
  agency: AgencyId,
  dataSource: DataSource,
  handlers: EventHandlers,
  consumer: string = agency,
): (event: EventEnvelope) => Promise<ApplyResult> {
  const emit = createEmitEvent(agency);
  return async (event) => {
    const handler = handlers[event.type] as EventHandler<EventType> | undefined;
    if (!handler) return 'ignored';
    try {
      return await runInBackground(() => dataSource.transaction(async (m) => {
        const processed = m.getRepository(ProcessedEvent);
        if (await processed.existsBy({ consumer, eventId: event.id })) return 'duplicate' as const;
        await processed.insert({
          consumer,
          eventId: event.id,
          eventType: event.type,
          sourceAgency: event.sourceAgency,
          processedAt: new Date().toISOString(),
        });
        await handler(event, m, async (type, payload) => {
          await emit(m, type, payload);
        });
        return 'applied' as const;
      }));
    } catch (err) {
      // Two deliveries of one event at once (two replicas): the unique index lets one apply it.
      const columns = uniqueViolationColumns(err);
      if (columns && columns.length === 2 && columns.includes('consumer') && columns.includes('eventId')) return 'duplicate';
      throw err;
    }
  };
}
