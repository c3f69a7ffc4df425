import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

export const API_KEY_PREFIX = 'hf_';

// Keys carry 256 random bits, so a fast hash is as good as a slow one and keeps lookups cheap.
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const summarize = ({ id, name, prefix, createdAt, lastUsedAt }: ApiKeyEntity): ApiKeySummary => ({
  id,
  name,
  prefix,
  createdAt,
  lastUsedAt,
});

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** The only moment the full key is visible: it is stored hashed. */
  async create(userId: string, name: string): Promise<ApiKeySummary & { key: string }> {
    const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.keys.save(
      this.keys.create({ userId, name, prefix: key.slice(0, 10), keyHash: hashKey(key) }),
    );
    return { ...summarize(saved), key };
  }

  async list(userId: string): Promise<ApiKeySummary[]> {
    const keys = await this.keys.find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return keys.map(summarize);
  }

  async revoke(userId: string, id: string): Promise<void> {
    const result = await this.keys.update(
      { id, userId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!result.affected) throw new NotFoundException('API key not found');
  }

  /** The live key's id and owner, or undefined. */
  async find(key: string): Promise<{ keyId: string; userId: string } | undefined> {
    const found = await this.keys.findOne({
      where: { keyHash: hashKey(key), revokedAt: IsNull() },
    });
    if (!found) return undefined;
    await this.keys.update(found.id, { lastUsedAt: new Date() });
    return { keyId: found.id, userId: found.userId };
  }
}
