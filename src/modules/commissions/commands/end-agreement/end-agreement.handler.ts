import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AgreementProps } from '../../domain/agreement';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { assertExpectedVersion } from '../expected-version';
import { loadAgreement } from '../load-agreement';
import { EndAgreementCommand } from './end-agreement.command';

@CommandHandler(EndAgreementCommand)
export class EndAgreementHandler implements ICommandHandler<EndAgreementCommand> {
  constructor(@Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository) {}

  async execute({ tenantId, agreementId, expected }: EndAgreementCommand): Promise<AgreementProps> {
    const current = await loadAgreement(this.agreements, tenantId, agreementId);
    assertExpectedVersion(current, expected);
    const ended = current.end(new Date());
    // Ending only shortens the validity, so it cannot create an overlap.
    await this.agreements.save(ended, () => undefined);
    return ended.props;
  }
}
