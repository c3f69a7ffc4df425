import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Who is calling, as the AuthGuard established it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

export interface AuthenticatedRequest {
  user?: AuthUser;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new Error('CurrentUser used on a public route');
    return user;
  },
);
