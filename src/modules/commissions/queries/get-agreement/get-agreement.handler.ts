import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { loadAgreement } from '../../commands/load-agreement';
import type { AgreementProps } from '../../domain/agreement';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { GetAgreementQuery } from './get-agreement.query';

@QueryHandler(GetAgreementQuery)
export class GetAgreementHandler implements IQueryHandler<GetAgreementQuery> {
  constructor(@Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository) {}

  async execute({ tenantId, agreementId }: GetAgreementQuery): Promise<AgreementProps> {
    return (await loadAgreement(this.agreements, tenantId, agreementId)).props;
  }
}
