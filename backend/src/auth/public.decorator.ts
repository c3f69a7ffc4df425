import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('hookflow:public');

/** Opens a route to callers without a token (sign-up, log-in, probes, trigger URLs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
