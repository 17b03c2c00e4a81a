import type { QualificationChange } from '../../shared/events/contract';
import { customsSubgraph } from '../../subgraphs/customs';
import { applyEvent, envelope } from './credit-events';
import type { SubgraphHarness } from './subgraph-harness';

let sequence = 1_000;

/** A permit or licence as postal or finance publishes it: valid for years around the test dates unless said. */
export function qualification(
  operatorUscc: string,
  kind: QualificationChange['qualification'],
  overrides: Partial<QualificationChange> = {},
): QualificationChange {
  return {
    operatorUscc,
    qualification: kind,
    number: kind === 'EXPRESS_PERMIT' ? `粤快许TEST${operatorUscc.slice(-6)}` : `Z2024440${operatorUscc.slice(-6).replace(/\D/g, '0')}`,
    status: 'IN_FORCE',
    statusFrom: null,
    validFrom: '2024-01-01',
    validUntil: '2028-12-31',
    ...overrides,
  };
}

/**
 * Delivers a QualificationChange to a customs subgraph started alone, with customs' own consumer in one transaction,
 * as the transport would from the issuing agency's outbox (a later source sequence each time unless given).
 */
export async function deliverQualification(h: SubgraphHarness, change: QualificationChange, options: { sequence?: number } = {}): Promise<void> {
  const source = change.qualification === 'EXPRESS_PERMIT' ? 'postal' : 'finance';
  sequence += 1;
  await applyEvent(
    h.subgraph.database.dataSource,
    customsSubgraph.eventHandlers!.QualificationChange,
    envelope('QualificationChange', source, change, { sequence: options.sequence ?? sequence }),
  );
}
