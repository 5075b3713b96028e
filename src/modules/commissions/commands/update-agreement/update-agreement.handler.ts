import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AgreementProps } from '../../domain/agreement';
import { AGREEMENT_REPOSITORY, AgreementRepository } from '../../domain/agreement-repository.port';
import { toTerms } from '../../dto/to-domain';
import { assertExpectedVersion } from '../expected-version';
import { loadAgreement } from '../load-agreement';
import { UpdateAgreementCommand } from './update-agreement.command';

@CommandHandler(UpdateAgreementCommand)
export class UpdateAgreementHandler implements ICommandHandler<UpdateAgreementCommand> {
  constructor(@Inject(AGREEMENT_REPOSITORY) private readonly agreements: AgreementRepository) {}

  async execute({ tenantId, agreementId, terms, expected }: UpdateAgreementCommand): Promise<AgreementProps> {
    const current = await loadAgreement(this.agreements, tenantId, agreementId);
    assertExpectedVersion(current, expected);
    const knownRuleIds = new Set(current.props.rules.map((r) => r.ruleId));
    const revised = current.revise(toTerms(terms, knownRuleIds), new Date());
    await this.agreements.save(revised, (others) => revised.assertNoOverlapWith(others));
    return revised.props;
  }
}
