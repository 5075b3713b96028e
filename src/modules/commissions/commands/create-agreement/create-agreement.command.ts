import { Command } from '@nestjs/cqrs';
import type { AgreementProps } from '../../domain/agreement';
import type { CreateAgreementDto } from '../../dto/agreement-input.dto';

export class CreateAgreementCommand extends Command<AgreementProps> {
  constructor(
    readonly tenantId: string,
    readonly input: CreateAgreementDto,
  ) {
    super();
  }
}
