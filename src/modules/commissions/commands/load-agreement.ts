import { Agreement } from '../domain/agreement';
import { AgreementRepository } from '../domain/agreement-repository.port';
import { AgreementNotFoundError } from '../domain/commission-errors';

/** Agreements of other tenants are indistinguishable from missing ones. */
export async function loadAgreement(repo: AgreementRepository, tenantId: string, agreementId: string): Promise<Agreement> {
  const agreement = await repo.findById(tenantId, agreementId);
  if (!agreement) throw new AgreementNotFoundError(agreementId);
  return agreement;
}
