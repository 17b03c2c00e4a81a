import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root, registerEnumType } from 'type-graphql';
import { In } from 'typeorm';
import { Access } from '../auth/access';
import { type AccessOptions, ShareClass } from '../auth/share-class';
import type { SubgraphContext } from '../subgraph/context';
import type { ObjectionRecordTables } from './consumer';
import { DisputedRecord } from './disputed-record.entity';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */

// One loader per request (the context object lives as long as the request).
const disputedLoaders = new WeakMap<object, DataLoader<string, boolean>>();

/** Whether each `<kind>:<id>` has an open objection, one statement per request whatever the number of records. */
function disputedLoader(ctx: SubgraphContext): DataLoader<string, boolean> {
  let loader = disputedLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, boolean>(async (keys) => {
      // Kinds and ids separately, so the primary key (recordKind, recordId) serves the lookup; pairs are matched below.
      const pairs = keys.map((k) => k.split(':'));
      const rows = await ctx.db.getRepository(DisputedRecord).find({
        select: { recordKind: true, recordId: true },
        where: { recordKind: In([...new Set(pairs.map(([kind]) => kind))]), recordId: In([...new Set(pairs.map(([, id]) => id))]) },
      });
      const open = new Set(rows.map((r) => `${r.recordKind}:${r.recordId}`));
      return keys.map((k) => open.has(k));
    });
    disputedLoaders.set(ctx, loader);
  }
  return loader;
}

const DISPUTED = {
  description: 'An objection (异议) against this record is open: the owning agency has not decided it yet',
};

/**
 * `disputed: Boolean!` on one record type an objection can name, declared with the record's own share class (public
 * where the record is public).
 */
export function createDisputedResolver(record: Function, kind: string, shareClass: ShareClass, access: AccessOptions = {}): Function {
  @Resolver(() => record)
  class DisputedResolver {
    @Access(shareClass, access)
    @FieldResolver(() => Boolean, DISPUTED)
    disputed(@Root() row: { id: number }, @Ctx() ctx: SubgraphContext): Promise<boolean> {
      return disputedLoader(ctx).load(`${kind}:${row.id}`);
    }
  }
  Object.defineProperty(DisputedResolver, 'name', { value: `${kind}DisputedResolver` });
  return DisputedResolver;
}

/** What the owning agency tells market regulation about a record named in an objection being filed. */
export enum ObjectionRecordState {
  STANDING = 'STANDING',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ObjectionRecordState, {
  name: 'ObjectionRecordState',
  description: 'A record an objection names, as its owning agency holds it',
  valuesConfig: {
    STANDING: { description: 'The record stands (possibly corrected)' },
    WITHDRAWN: { description: 'The record was withdrawn on an earlier accepted objection (撤销)' },
  },
});

/**
 * `Operator.<field>(recordKind, recordId)`: the read market regulation makes, with the filer's own token, before it
 * registers an objection to this agency's record. Null when the agency holds no such record of this operator (a
 * record of another operator answers the same, so nothing about it leaks). GOV_SHARED: agency staff, admins and the
 * operator itself, exactly who may file. The field is named per agency: each subgraph owns its own.
 */
export function createObjectionRecordResolver(
  operator: Function,
  field: string,
  records: ObjectionRecordTables,
): Function {
  @Resolver(() => operator)
  class ObjectionRecordResolver {
    @Access(ShareClass.GOV_SHARED)
    @FieldResolver(() => ObjectionRecordState, {
      name: field,
      nullable: true,
      description:
        "This agency's record named in an objection, if it is a record of this operator: whether it stands or was " +
        `withdrawn. Record kinds: ${Object.keys(records).join(', ')}`,
    })
    async recordForObjection(
      @Root() root: { uscc: string },
      @Arg('recordKind', () => String) recordKind: string,
      @Arg('recordId', () => ID) recordId: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<ObjectionRecordState | null> {
      const table = records[recordKind];
      const id = Number(recordId);
      if (!table || !/^\d{1,12}$/.test(recordId) || id <= 0) return null;
      const row = await ctx.db.getRepository(table.entity).findOne({
        select: { id: true, withdrawnOn: true },
        where: { id, [table.owner ?? 'operatorUscc']: root.uscc } as never,
      });
      if (!row) return null;
      return row.withdrawnOn ? ObjectionRecordState.WITHDRAWN : ObjectionRecordState.STANDING;
    }
  }
  Object.defineProperty(ObjectionRecordResolver, 'name', { value: `${field}Resolver` });
  return ObjectionRecordResolver;
}
