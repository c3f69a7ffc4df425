import type { Template } from '@hookflow/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { useConfirm } from '../app/confirm-dialog';
import { useTeamId } from '../auth/session-store';
import { RefusalDetails } from './refusal-details';
import { TemplateCard } from './template-card';
import { downloadTemplate, readJsonFile } from './template-files';
import { templatesApi } from './templates-api';
import { UseTemplateDialog } from './use-template-dialog';
import './templates.css';

/** The template library: built-in templates and the team's own, as cards; import from a file. */
export function TemplatesPage() {
  const teamId = useTeamId();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [cardError, setCardError] = useState<{ id: string; message: string } | null>(null);
  const [using, setUsing] = useState<Template | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { confirm, dialog } = useConfirm();

  const load = useCallback(
    () =>
      templatesApi
        .list(teamId)
        .then(setTemplates, (caught: unknown) => setError(caught as ApiError)),
    [teamId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const importFile = async (file: File) => {
    setError(null);
    try {
      await templatesApi.importDocument(teamId, await readJsonFile(file));
      await load();
    } catch (caught) {
      setError(caught as ApiError | Error);
    }
  };

  const remove = async (template: Template) => {
    const confirmed = await confirm({
      title: `Delete the template “${template.name}”?`,
      message: 'Flows made from it stay as they are.',
      confirmLabel: 'Delete template',
    });
    if (!confirmed) return;
    setCardError(null);
    try {
      await templatesApi.remove(teamId, template.id);
      await load();
    } catch (caught) {
      setCardError({ id: template.id, message: (caught as ApiError).message });
    }
  };

  const card = (template: Template) => (
    <TemplateCard
      key={template.id}
      template={template}
      error={cardError?.id === template.id ? cardError.message : undefined}
      onUse={() => setUsing(template)}
      onDownload={() => downloadTemplate(template.document)}
      onDelete={template.builtIn ? undefined : () => void remove(template)}
    />
  );
  const builtIn = templates?.filter((template) => template.builtIn) ?? [];
  const own = templates?.filter((template) => !template.builtIn) ?? [];

  return (
    <section className="page">
      <header className="page__header">
        <h1>Templates</h1>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import JSON file
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Template file"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </header>
      {error && <RefusalDetails error={error} intro="This file cannot be imported:" />}
      {templates === null && !error && <p className="loading">Loading templates…</p>}
      {templates && (
        <>
          <h2 className="templates__heading">Your team’s templates</h2>
          {own.length === 0 ? (
            <p className="muted">
              None yet. Open a flow and choose “Save as template”, or import a JSON file.
            </p>
          ) : (
            <div className="templates__grid">{own.map(card)}</div>
          )}
          <h2 className="templates__heading">Built-in</h2>
          <div className="templates__grid">{builtIn.map(card)}</div>
        </>
      )}
      {using && (
        <UseTemplateDialog teamId={teamId} template={using} onClose={() => setUsing(null)} />
      )}
      {dialog}
    </section>
  );
}
