import { IsNull, type EntityManager, type EntityTarget } from 'typeorm';
import { chinaToday } from '../calendar/dates';
import type { AgencyId } from '../config/agencies';
import type { EventEnvelope, EventHandler, ObjectionChange } from '../events/contract';
import { DisputedRecord } from './disputed-record.entity';

type Emit = Parameters<EventHandler<'ObjectionChange'>>[2];

/** A record an objection can name: kept forever, withdrawn or corrected in place. */
export interface ObjectionRecordRow {
  id: number;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  correction: string | null;
  correctedOn: string | null;
}

/** A table of records an objection can name; `owner` is the column naming the operator (operatorUscc unless said). */
export interface ObjectionRecordTable {
  entity: EntityTarget<ObjectionRecordRow>;
  owner?: string;
}
/** The agency's records by evidence kind (the kinds market regulation's OBJECTION_RECORD_KINDS lists for it). */
export type ObjectionRecordTables = Readonly<Record<string, ObjectionRecordTable>>;

export interface ObjectionConsumerOptions {
  agency: AgencyId;
  records: ObjectionRecordTables;
  /** Derives the agency's credit signal again in the handler's transaction (`<agency>CreditSignals.refresh`). */
  refresh(manager: EntityManager, usccs: string[], now: Date): Promise<unknown>;
  /** Once, when a record has just been withdrawn: what else ends with it (e.g. a listing's REMOVED event). */
  onWithdrawn?(kind: string, id: number, change: ObjectionChange, manager: EntityManager, emit: Emit): Promise<void>;
}

/**
 * The owning agency's consumer of ObjectionChange, the same in every agency: FILED marks the record disputed; a
 * decision clears the mark; ACCEPTED + WITHDRAW sets withdrawnOn (the row stays, no longer public nor counted);
 * ACCEPTED + CORRECT records the corrected facts; an accepted objection refreshes the credit signal. Each write
 * changes only what is not yet changed, so a redelivered event changes nothing.
 */
export function createObjectionConsumer(options: ObjectionConsumerOptions): EventHandler<'ObjectionChange'> {
  const { agency, records } = options;
  return async (event: EventEnvelope<'ObjectionChange'>, manager, emit) => {
    const change = event.payload;
    if (change.agency !== agency) return;
    if (event.sourceAgency !== 'market-regulation') {
      throw new Error(`ObjectionChange ${event.id} from ${event.sourceAgency}: only market regulation keeps the register`);
    }
    const entity = records[change.recordKind]?.entity;
    if (!entity) throw new Error(`Objection ${change.objectionId} names unknown ${agency} record kind ${change.recordKind}`);
    const id = Number(change.recordId);
    const marks = manager.getRepository(DisputedRecord);
    if (change.status === 'FILED') {
      await marks.createQueryBuilder().insert().values({
        recordKind: change.recordKind, recordId: change.recordId, objectionId: change.objectionId,
        operatorUscc: change.operatorUscc, since: chinaToday(new Date(event.occurredAt)),
      }).orIgnore().execute();
      return;
    }
    await marks.delete({ recordKind: change.recordKind, recordId: change.recordId, objectionId: change.objectionId });
    if (change.status !== 'ACCEPTED') return;
    const decidedOn = change.decidedOn ?? chinaToday(new Date(event.occurredAt));
    const repo = manager.getRepository(entity);
    if (change.correction === 'WITHDRAW') {
      const result = await repo.update(
        { id, withdrawnOn: IsNull() } as never,
        { withdrawnOn: decidedOn, withdrawalReason: change.reason ?? `Objection ${change.objectionId} accepted` } as never,
      );
      if (result.affected) await options.onWithdrawn?.(change.recordKind, id, change, manager, emit);
    } else if (change.correction === 'CORRECT') {
      await repo.update({ id } as never, { correction: change.correctedFacts ?? change.reason ?? null, correctedOn: decidedOn } as never);
    }
    await options.refresh(manager, [change.operatorUscc], new Date());
  };
}
