import { Query } from '@nestjs/cqrs';
import type { AgreementProps } from '../../domain/agreement';
import type { AgreementListQuery } from '../../domain/agreement-repository.port';

export interface AgreementPageResult {
  items: AgreementProps[];
  nextCursor: string | null;
}

/** Newest first. */
export class ListAgreementsQuery extends Query<AgreementPageResult> {
  constructor(
    readonly tenantId: string,
    readonly criteria: AgreementListQuery,
  ) {
    super();
  }
}
