import type { CredentialDescription, NodeDescription } from '../catalog/define-node';

/** `GET /api/catalog`. */
export interface CatalogResponse {
  nodes: readonly NodeDescription[];
  credentials: readonly CredentialDescription[];
}
