import { Agreement } from './agreement';

export const AGREEMENT_REPOSITORY = Symbol('AGREEMENT_REPOSITORY');

export interface AgreementListQuery {
  supplierId?: string;
  limit: number;
  cursor?: string;
}

export interface AgreementPage {
  items: Agreement[];
  nextCursor: string | null;
}

/** Tenant-scoped: another tenant's agreement is simply not found. */
export interface AgreementRepository {
  /**
   * Inserts a version-1 agreement, or writes a later version over the previous one
   * (StaleAgreementError otherwise). Writes for one supplier are serialised, and `check`
   * sees the supplier's other agreements inside that critical section, so two concurrent
   * writes cannot both pass an overlap check.
   */
  save(agreement: Agreement, check: (supplierAgreements: Agreement[]) => void): Promise<void>;
  findById(tenantId: string, agreementId: string): Promise<Agreement | null>;
  /** Every agreement of the supplier, ended ones included (they still apply to past invoices). */
  findBySupplier(tenantId: string, supplierId: string): Promise<Agreement[]>;
  list(tenantId: string, query: AgreementListQuery): Promise<AgreementPage>;
}
