// The Commissions module's public surface: other modules import from here only.
export { CommissionsModule } from './commissions.module';
export {
  CalculateInvoiceCommissionsCommand,
  type InvoiceCommissionsResult,
  type InvoiceLineForCommission,
} from './commands/calculate-invoice-commissions/calculate-invoice-commissions.command';
export { CommissionCurrencyMismatchError, InvalidCommissionInputError } from './domain/commission-errors';
export type { CommissionLine } from './domain/commission-calculator';
export type { AppliedRuleKind, RuleKind } from './domain/commission-rule';
export { QuoteLineCommissionsQuery } from './queries/quote-line-commissions/quote-line-commissions.query';
export { GetStatementQuery } from './queries/get-statement/get-statement.query';
export type { CommissionStatement } from './domain/commission-statement';
