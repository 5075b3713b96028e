import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { agreementOn } from '../../domain/agreement';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { calculateCommissions, InvoiceCommissions, InvoiceLine } from '../../domain/commission-calculator';
import { COMMISSION_LEDGER, CommissionLedger } from '../../domain/commission-ledger.port';
import { CalculateInvoiceCommissionsCommand, InvoiceCommissionsResult } from './calculate-invoice-commissions.command';
import { parseCommissionInput } from './commission-input';

@CommandHandler(CalculateInvoiceCommissionsCommand)
export class CalculateInvoiceCommissionsHandler implements ICommandHandler<CalculateInvoiceCommissionsCommand> {
  constructor(
    @Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository,
    @Inject(COMMISSION_LEDGER) private readonly ledger: CommissionLedger,
  ) {}

  async execute(command: CalculateInvoiceCommissionsCommand): Promise<InvoiceCommissionsResult> {
    const { tenantId, supplierId, invoiceId, currency } = command;
    const { invoiceDate, lines } = parseCommissionInput(command);
    const agreement = agreementOn(await this.agreements.findBySupplier(tenantId, supplierId), invoiceDate);
    const terms = agreement?.props ?? null;
    let result: InvoiceCommissions | undefined;
    await this.ledger.replaceInvoice({ tenantId, supplierId, invoiceId, invoiceDate, currency }, (otherInvoicesVolume) => {
      result = calculateCommissions({ agreement: terms, currency, lines, otherInvoicesVolume });
      return result.lines.map((l, i) => ({ ...l, ...withoutId(lines[i]), invoiceId, invoiceDate }));
    });
    return { invoiceId, currency, ...result! };
  }
}

const withoutId = ({ lineId: _lineId, ...rest }: InvoiceLine) => rest;
