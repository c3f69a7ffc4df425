// Turns an API's answer into keyed items, oldest first: `itemsPath` finds the list, `idPath`
// tells its items apart. Both are plain dotted paths or `{{ }}` JSONata expressions, evaluated
// by the app's expression evaluator (off this thread, bounded in time and memory: see
// ExpressionPool), with the body or the item as their input.
import { createHash } from 'node:crypto';
import {
  isExpression,
  stringifyResult,
  type ExpressionContext,
  type TemplateEvaluator,
} from '@hookflow/shared';
import type { PollConfig } from './poll-plan.js';

/** A poll that found no usable list; the message is what the inspector shows. */
export class PollItemsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PollItemsError';
  }
}

export interface KeyedItem {
  key: string;
  item: unknown;
}

export interface FoundItems {
  /** Items with a key, oldest first, each key once (the first, i.e. oldest, occurrence wins). */
  items: KeyedItem[];
  found: number;
  withoutId: number;
}

// Longer keys are stored as their hash: equal keys stay equal, the table stays small.
const maxKeyLength = 200;

/**
 * `path` read from `root`: a `{{ }}` template through JSONata with `root` as its input (so
 * `{{ updated_at & id }}` reads the item's fields), anything else as a dotted path.
 */
async function read(root: unknown, path: string, evaluate: TemplateEvaluator): Promise<unknown> {
  if (isTemplate(path)) {
    // Expressions read whatever input they are given; here it is the body or the item.
    const [value] = await evaluate([path], root as ExpressionContext);
    return value;
  }
  let value = root;
  for (const part of path.split('.').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

// isExpression narrows its argument to string; the paths here are strings already.
const isTemplate = (path: string): boolean => isExpression(path);

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The list at `itemsPath`; a JSONata expression that matches nothing is an empty list. */
export async function itemsAt(
  body: unknown,
  itemsPath: string | undefined,
  evaluate: TemplateEvaluator,
): Promise<unknown[]> {
  const path = (itemsPath ?? '').trim();
  let value: unknown;
  try {
    value = path ? await read(body, path, evaluate) : body;
  } catch (error) {
    throw new PollItemsError(`itemsPath: ${(error as Error).message}`);
  }
  // JSONata marks its result sequences with extra properties; the items are what count.
  if (Array.isArray(value)) return isTemplate(path) ? [...value] : value;
  if (value === undefined && isTemplate(path)) return [];
  const where = path ? `itemsPath "${path}"` : 'The response body';
  const hint = isTemplate(path) ? ' (a single match needs [] to stay a list, e.g. orders[])' : '';
  throw new PollItemsError(`${where} is ${describe(value)}, not a list${hint}`);
}

/** The key of one item; empty when its id is missing or blank. */
export async function keyOf(
  item: unknown,
  idPath: string,
  evaluate: TemplateEvaluator,
): Promise<string> {
  let value: unknown;
  try {
    value = await read(item, idPath.trim(), evaluate);
  } catch (error) {
    throw new PollItemsError(`idPath: ${(error as Error).message}`);
  }
  const key = stringifyResult(value).trim();
  if (key.length <= maxKeyLength) return key;
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** The answer's items with their keys, oldest first whatever order the API lists them in. */
export async function keyedItems(
  body: unknown,
  config: Pick<PollConfig, 'itemsPath' | 'idPath' | 'listOrder'>,
  evaluate: TemplateEvaluator,
): Promise<FoundItems> {
  const listed = await itemsAt(body, config.itemsPath, evaluate);
  const oldestFirst = config.listOrder === 'oldestFirst' ? listed : [...listed].reverse();
  const seen = new Set<string>();
  const items: KeyedItem[] = [];
  let withoutId = 0;
  for (const item of oldestFirst) {
    const key = await keyOf(item, config.idPath, evaluate);
    if (key === '') withoutId++;
    else if (!seen.has(key)) {
      seen.add(key);
      items.push({ key, item });
    }
  }
  return { items, found: listed.length, withoutId };
}
