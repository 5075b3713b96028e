import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { AgreementPageResult, ListAgreementsQuery } from './list-agreements.query';

@QueryHandler(ListAgreementsQuery)
export class ListAgreementsHandler implements IQueryHandler<ListAgreementsQuery> {
  constructor(@Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository) {}

  async execute({ tenantId, criteria }: ListAgreementsQuery): Promise<AgreementPageResult> {
    const page = await this.agreements.list(tenantId, criteria);
    return { items: page.items.map((a) => a.props), nextCursor: page.nextCursor };
  }
}
