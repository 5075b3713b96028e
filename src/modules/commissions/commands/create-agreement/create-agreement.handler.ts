import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Agreement, AgreementProps } from '../../domain/agreement';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { toTerms } from '../../dto/to-domain';
import { CreateAgreementCommand } from './create-agreement.command';

@CommandHandler(CreateAgreementCommand)
export class CreateAgreementHandler implements ICommandHandler<CreateAgreementCommand> {
  constructor(@Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository) {}

  async execute({ tenantId, input }: CreateAgreementCommand): Promise<AgreementProps> {
    const agreement = Agreement.create({ agreementId: randomUUID(), tenantId, supplierId: input.supplierId, ...toTerms(input) }, new Date());
    await this.agreements.save(agreement, (others) => agreement.assertNoOverlapWith(others));
    return agreement.props;
  }
}
