import { z } from 'zod';

export const createApiKeyBodySchema = z.object({ name: z.string().trim().min(1).max(100) });
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;
