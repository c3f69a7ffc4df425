import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { createGuardedFetch } from '../outbound/index.js';
import { PaypalCertificates, type VerificationSources } from './verification/index.js';

export const VERIFICATION_SOURCES = Symbol('VERIFICATION_SOURCES');

/** What signature checks fetch from outside the request (PayPal's certificates), guarded. */
export const verificationSourcesProvider: Provider = {
  provide: VERIFICATION_SOURCES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): VerificationSources => ({
    paypalCertificates: new PaypalCertificates({
      fetch: createGuardedFetch(config.outbound),
      testOverride: config.paypalTestOverride,
    }),
  }),
};
