import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { COMMISSION_LEDGER, CommissionLedger } from '../../domain/commission-ledger.port';
import { buildStatement, CommissionStatement } from '../../domain/commission-statement';
import { GetStatementQuery } from './get-statement.query';

@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery> {
  constructor(
    @Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository,
    @Inject(COMMISSION_LEDGER) private readonly ledger: CommissionLedger,
  ) {}

  async execute({ tenantId, supplierId, period, currency }: GetStatementQuery): Promise<CommissionStatement> {
    const [lines, agreements] = await Promise.all([
      this.ledger.linesOf(tenantId, supplierId, period),
      this.agreements.findBySupplier(tenantId, supplierId),
    ]);
    return buildStatement({ supplierId, period, currency }, lines, agreements);
  }
}
