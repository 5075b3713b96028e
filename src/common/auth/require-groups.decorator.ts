import { applyDecorators, CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { AuthenticatedRequest } from './current-principal.decorator';

const REQUIRED_GROUPS = 'mercantil:required-groups';

@Injectable()
export class GroupsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_GROUPS, [context.getHandler(), context.getClass()]) ?? [];
    const groups = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.groups ?? [];
    if (required.some((g) => groups.includes(g))) return true;
    throw new ForbiddenException(`Requires membership of one of the groups: ${required.join(', ')} (cognito:groups)`);
  }
}

/** Only callers whose token lists one of `groups` in cognito:groups get through; others get 403. */
export function RequireGroups(...groups: string[]) {
  return applyDecorators(SetMetadata(REQUIRED_GROUPS, groups), UseGuards(GroupsGuard), ApiForbiddenResponse({ description: 'Not in a required group' }));
}
