import type { TemplateDocument } from '@hookflow/shared';

/** `GitHub push → Slack` → `github-push-slack.hookflow.json`. */
export function templateFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'template'}.hookflow.json`;
}

/** Offers a template document as a JSON file download. */
export function downloadTemplate(document: TemplateDocument): void {
  const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = templateFileName(document.name);
  link.click();
  URL.revokeObjectURL(url);
}

/** The parsed JSON of a picked file, or an error that says it is not JSON. */
export async function readJsonFile(file: File): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file.name} is not a JSON file`);
  }
}

/** A file or blob's text (FileReader: works in every browser and in jsdom). */
export function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(blob);
  });
}
