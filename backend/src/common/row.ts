import type { QueryDeepPartialEntity } from 'typeorm';

/**
 * TypeORM's write types cannot see through JSON columns typed `unknown` (a step's output, a
 * trigger body); values there are plain JSON by construction, so the partial row is passed as is.
 */
export const jsonRow = <T>(values: Partial<T>) => values as QueryDeepPartialEntity<T>;
