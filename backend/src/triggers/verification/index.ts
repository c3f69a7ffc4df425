export type {
  AuthType,
  TriggerAuthConfig,
  VerificationFailureReason,
  VerificationOptions,
  VerificationRequest,
  VerificationResult,
  VerificationScheme,
} from './types.js';
export { DEFAULT_TOLERANCE_SECONDS } from './crypto-utils.js';
export {
  verifyDelivery,
  verifyTriggerAuth,
  verificationSchemes,
  type VerificationSources,
} from './verify-trigger-auth.js';
export { PaypalCertificates, type PaypalTestOverride } from './paypal-certificates.js';
export { validateHmacTemplate, DEFAULT_SIGNED_PAYLOAD_TEMPLATE } from './schemes/hmac.scheme.js';
export { handshakeResponse, type HandshakeResponse } from './handshake.js';
export { isIpAllowed, validateCidrs } from './ip-allowlist.js';
