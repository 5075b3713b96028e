import { Agreement } from '../../domain/agreement';
import type { AgreementRepository } from '../../domain/agreement-repository.port';
import { InvalidCommissionInputError } from '../../domain/commission-errors';
import { Exact } from '../../domain/exact-decimal';
import type { CommissionLedger, InvoiceKey, LedgerLine } from '../../domain/commission-ledger.port';
import { CalculateInvoiceCommissionsCommand, InvoiceLineForCommission } from './calculate-invoice-commissions.command';
import { CalculateInvoiceCommissionsHandler } from './calculate-invoice-commissions.handler';

/** The ledger's contract in memory: lines keyed by invoice, volume from the other invoices. */
class InMemoryLedger implements CommissionLedger {
  readonly invoices = new Map<string, { key: InvoiceKey; lines: LedgerLine[] }>();

  async replaceInvoice(key: InvoiceKey, calculate: (volume: string) => LedgerLine[]): Promise<void> {
    const others = [...this.invoices.values()].filter(
      (i) => i.key.invoiceId !== key.invoiceId && i.key.supplierId === key.supplierId && i.key.currency === key.currency && i.key.invoiceDate.slice(0, 7) === key.invoiceDate.slice(0, 7),
    );
    const volume = others.flatMap((i) => i.lines).reduce((s, l) => s.plus(l.lineTotal), new Exact(0));
    this.invoices.set(key.invoiceId, { key, lines: calculate(volume.toString()) });
  }

  async linesOf(): Promise<LedgerLine[]> {
    return [...this.invoices.values()].flatMap((i) => i.lines);
  }
}

const agreement = Agreement.create(
  {
    agreementId: 'ag-1', tenantId: 't1', supplierId: 's1', currency: 'EUR', validFrom: '2025-01-01', validTo: null,
    rules: [{ ruleId: 'tiers', kind: 'tiered-percentage', sku: null, category: null, tiers: [{ from: '0', to: '10000', rate: '3' }, { from: '10000', to: null, rate: '4' }] }],
  },
  new Date(),
);
const agreements: AgreementRepository = {
  findBySupplier: async () => [agreement],
  findById: async () => agreement,
  save: async () => undefined,
  list: async () => ({ items: [agreement], nextCursor: null }),
};

const lines = (total: string): InvoiceLineForCommission[] => [{ lineId: 'l1', sku: 'A', category: null, quantity: 1, lineTotal: total }];
const command = (invoiceId: string, total: string, date = '2025-03-10') =>
  new CalculateInvoiceCommissionsCommand('t1', 's1', invoiceId, date, 'EUR', lines(total));

describe('CalculateInvoiceCommissionsHandler', () => {
  let ledger: InMemoryLedger;
  let handler: CalculateInvoiceCommissionsHandler;
  beforeEach(() => {
    ledger = new InMemoryLedger();
    handler = new CalculateInvoiceCommissionsHandler(agreements, ledger);
  });

  it('recomputing an invoice replaces its lines and does not add its own volume again', async () => {
    const first = await handler.execute(command('inv-1', '8000'));
    const second = await handler.execute(command('inv-1', '8000'));
    expect(second).toEqual(first);
    expect(first).toMatchObject({ monthVolume: '8000.00', total: '240.00' });
    expect(await ledger.linesOf()).toHaveLength(1);
  });

  it('lets a later invoice reach the next tier and an earlier one pick it up when recomputed', async () => {
    await handler.execute(command('inv-1', '8000'));
    const second = await handler.execute(command('inv-2', '5000'));
    expect(second).toMatchObject({ monthVolume: '13000.00', total: '200.00' });
    const recomputed = await handler.execute(command('inv-1', '8000'));
    expect(recomputed).toMatchObject({ monthVolume: '13000.00', total: '320.00' });
  });

  it('keeps months apart and accepts a full ISO timestamp, using its calendar date', async () => {
    await handler.execute(command('inv-1', '9000', '2025-03-31T23:59:59+02:00'));
    const april = await handler.execute(command('inv-2', '2000', '2025-04-01'));
    expect(april.monthVolume).toBe('2000.00');
  });

  it.each([
    ['a bad date', new CalculateInvoiceCommissionsCommand('t1', 's1', 'i', '2025-02-30', 'EUR', lines('1'))],
    ['a bad currency', new CalculateInvoiceCommissionsCommand('t1', 's1', 'i', '2025-02-03', 'euro', lines('1'))],
    ['a float line total', new CalculateInvoiceCommissionsCommand('t1', 's1', 'i', '2025-02-03', 'EUR', lines('0.30000000000000004'))],
    ['duplicate line ids', new CalculateInvoiceCommissionsCommand('t1', 's1', 'i', '2025-02-03', 'EUR', [...lines('1'), ...lines('2')])],
  ])('refuses %s before storing anything', async (_name, bad) => {
    await expect(handler.execute(bad)).rejects.toThrow(InvalidCommissionInputError);
    expect(ledger.invoices.size).toBe(0);
  });
});
