import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DevIssuer } from './dev-issuer';
import { Public } from './public.decorator';

/** Served only with the embedded dev issuer; on AWS the Cognito user pool publishes its own. */
@ApiExcludeController()
@Public()
@Controller({ path: '.well-known', version: VERSION_NEUTRAL })
export class JwksController {
  constructor(private readonly issuer: DevIssuer) {}

  @Get('jwks.json')
  jwks() {
    return this.issuer.jwks();
  }
}
