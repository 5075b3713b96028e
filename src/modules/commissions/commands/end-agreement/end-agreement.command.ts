import { Command } from '@nestjs/cqrs';
import type { AgreementProps } from '../../domain/agreement';
import type { ExpectedVersion } from '../expected-version';

/** DELETE: ends the agreement as of today; it is kept for the invoices it already covered. */
export class EndAgreementCommand extends Command<AgreementProps> {
  constructor(
    readonly tenantId: string,
    readonly agreementId: string,
    readonly expected?: ExpectedVersion,
  ) {
    super();
  }
}
