import { Command } from '@nestjs/cqrs';
import type { AgreementProps } from '../../domain/agreement';
import type { AgreementTermsDto } from '../../dto/agreement-input.dto';
import type { ExpectedVersion } from '../expected-version';

/** Replaces the agreement's terms (dates, currency, rules) over the expected version. */
export class UpdateAgreementCommand extends Command<AgreementProps> {
  constructor(
    readonly tenantId: string,
    readonly agreementId: string,
    readonly terms: AgreementTermsDto,
    readonly expected?: ExpectedVersion,
  ) {
    super();
  }
}
