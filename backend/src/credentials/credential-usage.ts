import { Inject, Injectable } from '@nestjs/common';
import {
  getNodeDescription,
  type CredentialUsage,
  type FlowDefinition,
  type FlowStatus,
} from '@hookflow/shared';
import { DataSource } from 'typeorm';
import { credentialIdOf } from '../engine/step-config.js';

interface FlowRow {
  id: string;
  name: string;
  status: FlowStatus;
  publishedVersion: number | null;
  draft: FlowDefinition;
  published: FlowDefinition | null;
}

/** Whether a step of the definition names the credential through its `credential` prop. */
function names(definition: FlowDefinition | null, credentialId: string): boolean {
  return (definition?.nodes ?? []).some((node) => {
    const description = getNodeDescription(node.type);
    return description !== undefined && credentialIdOf(node.config, description) === credentialId;
  });
}

/** Which of a team's flows use a credential, in the draft and in the live version. */
@Injectable()
export class CredentialUsageFinder {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async usage(teamId: string, credentialId: string): Promise<CredentialUsage> {
    // The text match only narrows the rows; `names` decides from the node's credential prop.
    const rows: FlowRow[] = await this.dataSource.query(
      `SELECT f.id, f.name, f.status, f.published_version AS "publishedVersion",
              f.definition AS draft, v.definition AS published
         FROM hookflow.flows f
         LEFT JOIN hookflow.flow_versions v
           ON v.flow_id = f.id AND v.version = f.published_version
        WHERE f.team_id = $1
          AND (strpos(f.definition::text, $2) > 0 OR strpos(v.definition::text, $2) > 0)
        ORDER BY f.name, f.id`,
      [teamId, credentialId],
    );
    const flows = rows
      .map((row) => ({
        flowId: row.id,
        flowName: row.name,
        inDraft: names(row.draft, credentialId),
        inPublished: names(row.published, credentialId),
        publishedVersion: row.publishedVersion,
        enabled: row.status !== 'disabled',
      }))
      .filter((use) => use.inDraft || use.inPublished);
    return { credentialId, flows };
  }
}
