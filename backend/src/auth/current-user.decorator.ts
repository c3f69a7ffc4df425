import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SessionClaims } from './token.service.js';

/** Who is calling, as the AuthGuard established it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

export interface AuthenticatedRequest {
  user?: AuthUser;
  /** Set when the caller used a log-in token (not an API key); `viaCookie` for the browser. */
  session?: SessionClaims & { viaCookie: boolean };
  /** Set when the caller used an API key. */
  apiKeyId?: string;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new Error('CurrentUser used on a public route');
    return user;
  },
);
