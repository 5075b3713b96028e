import { Module } from '@nestjs/common';
import { PostgresAgreementRepository } from './adapters/postgres-agreement.repository';
import { PostgresCommissionLedger } from './adapters/postgres-commission-ledger';
import { CalculateInvoiceCommissionsHandler } from './commands/calculate-invoice-commissions/calculate-invoice-commissions.handler';
import { CreateAgreementHandler } from './commands/create-agreement/create-agreement.handler';
import { EndAgreementHandler } from './commands/end-agreement/end-agreement.handler';
import { UpdateAgreementHandler } from './commands/update-agreement/update-agreement.handler';
import { CommissionsController } from './commissions.controller';
import { AGREEMENT_REPOSITORY } from './domain/agreement-repository.port';
import { COMMISSION_LEDGER } from './domain/commission-ledger.port';
import { GetAgreementHandler } from './queries/get-agreement/get-agreement.handler';
import { GetStatementHandler } from './queries/get-statement/get-statement.handler';
import { ListAgreementsHandler } from './queries/list-agreements/list-agreements.handler';
import { QuoteLineCommissionsHandler } from './queries/quote-line-commissions/quote-line-commissions.handler';

/**
 * Commissions live in the relational store on every profile (Aurora on AWS), so the
 * module binds its Postgres adapters itself instead of asking the infrastructure module.
 */
@Module({
  controllers: [CommissionsController],
  providers: [
    { provide: AGREEMENT_REPOSITORY, useClass: PostgresAgreementRepository },
    { provide: COMMISSION_LEDGER, useClass: PostgresCommissionLedger },
    CreateAgreementHandler,
    UpdateAgreementHandler,
    EndAgreementHandler,
    GetAgreementHandler,
    ListAgreementsHandler,
    CalculateInvoiceCommissionsHandler,
    GetStatementHandler,
    QuoteLineCommissionsHandler,
  ],
})
export class CommissionsModule {}
