import { getCredentialDescription, getNodeDescription } from '@hookflow/shared';

/** A step's catalog title ("Slack message"), as the node palette shows it. */
export function nodeTitle(type: string): string {
  return getNodeDescription(type)?.title ?? type;
}

/** "Slack incoming webhook or Slack bot token". */
export function credentialTypesLabel(types: readonly string[]): string {
  return types.map((type) => getCredentialDescription(type)?.title ?? type).join(' or ');
}
