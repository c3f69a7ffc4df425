import {
  Box,
  Clock,
  Filter,
  GitBranch,
  Globe,
  Hash,
  KeyRound,
  KeySquare,
  Mail,
  MessageCircle,
  Play,
  RefreshCw,
  Reply,
  Send,
  Shuffle,
  Signature,
  Timer,
  UserRoundKey,
  Webhook,
  type LucideIcon,
} from 'lucide-react';
import { getNodeDescription } from '@hookflow/shared';

/**
 * The lucide icons the catalog names, imported one by one so the bundle carries only these
 * (the whole set is ~1,500 icons). A catalog icon missing here fails `node-icon.spec.tsx`.
 */
export const CATALOG_ICONS: Record<string, LucideIcon> = {
  clock: Clock,
  filter: Filter,
  'git-branch': GitBranch,
  globe: Globe,
  hash: Hash,
  'key-round': KeyRound,
  'key-square': KeySquare,
  mail: Mail,
  'message-circle': MessageCircle,
  play: Play,
  'refresh-cw': RefreshCw,
  reply: Reply,
  send: Send,
  shuffle: Shuffle,
  signature: Signature,
  timer: Timer,
  'user-round-key': UserRoundKey,
  webhook: Webhook,
};

/** A catalog icon by name; a plain box for a name this build does not know. */
export function CatalogIcon({ name, size = 16 }: { name?: string; size?: number }) {
  const Icon = (name && CATALOG_ICONS[name]) || Box;
  return <Icon className="catalog-icon" size={size} aria-hidden="true" data-icon={name} />;
}

/** The icon of a node type, as the palette, the canvas and template cards show it. */
export function NodeIcon({ type, size }: { type: string; size?: number }) {
  return <CatalogIcon name={getNodeDescription(type)?.icon} size={size} />;
}
