import { getCredentialDescription, getNodeDescription } from '@hookflow/shared';

// The catalog names lucide icons; the editor has no icon font, so each gets a close glyph.
const GLYPHS: Record<string, string> = {
  webhook: '🪝',
  clock: '⏰',
  play: '▶',
  'refresh-cw': '🔄',
  globe: '🌐',
  slack: '💬',
  'message-circle': '🗨',
  mail: '✉',
  send: '📤',
  shuffle: '🔀',
  filter: '⏷',
  'git-branch': '⑂',
  timer: '⏱',
  reply: '↩',
};

/** A glyph and a title for a node type, for compact lists of the steps of a template. */
export function nodeIcon(type: string): { glyph: string; title: string } {
  const description = getNodeDescription(type);
  return {
    glyph: (description && GLYPHS[description.icon]) ?? '◆',
    title: description?.title ?? type,
  };
}

/** "Slack incoming webhook or Slack bot token". */
export function credentialTypesLabel(types: readonly string[]): string {
  return types.map((type) => getCredentialDescription(type)?.title ?? type).join(' or ');
}
