import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { AuthenticatedRequest } from '../auth/current-principal.decorator';

/**
 * Rate limits per principal (tenant + subject) across all routes; anonymous routes fall
 * back to the client address. Runs after authentication so the principal is known.
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Request & AuthenticatedRequest): Promise<string> {
    const p = req.principal;
    return p ? `principal:${p.tenantId}:${p.sub}` : `ip:${req.ip}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}
