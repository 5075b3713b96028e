import { Query } from '@nestjs/cqrs';
import type { AgreementProps } from '../../domain/agreement';

export class GetAgreementQuery extends Query<AgreementProps> {
  constructor(
    readonly tenantId: string,
    readonly agreementId: string,
  ) {
    super();
  }
}
