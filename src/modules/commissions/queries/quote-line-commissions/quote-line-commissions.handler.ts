import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { parseCommissionInput } from '../../commands/calculate-invoice-commissions/commission-input';
import { agreementOn } from '../../domain/agreement';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { calculateCommissions, CommissionLine } from '../../domain/commission-calculator';
import { COMMISSION_LEDGER, CommissionLedger } from '../../domain/commission-ledger.port';
import { Exact, moneyText } from '../../domain/exact-decimal';
import { QuoteLineCommissionsQuery } from './quote-line-commissions.query';

@QueryHandler(QuoteLineCommissionsQuery)
export class QuoteLineCommissionsHandler implements IQueryHandler<QuoteLineCommissionsQuery> {
  constructor(
    @Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository,
    @Inject(COMMISSION_LEDGER) private readonly ledger: CommissionLedger,
  ) {}

  async execute(query: QuoteLineCommissionsQuery): Promise<CommissionLine[]> {
    const { tenantId, supplierId, currency } = query;
    const { invoiceDate, lines } = parseCommissionInput({ ...query, invoiceId: 'quote', invoiceDate: query.date });
    const agreement = agreementOn(await this.agreements.findBySupplier(tenantId, supplierId), invoiceDate);
    const invoiced = agreement ? await this.ledger.linesOf(tenantId, supplierId, invoiceDate.slice(0, 7)) : [];
    const volume = invoiced.filter((line) => line.currency === currency).reduce((sum, line) => sum.plus(line.lineTotal), new Exact(0));
    return calculateCommissions({ agreement: agreement?.props ?? null, currency, lines, otherInvoicesVolume: moneyText(volume) }).lines;
  }
}
