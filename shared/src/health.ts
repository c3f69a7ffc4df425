/** What `GET /readyz` answers: one entry per dependency the process needs. */
export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { ok: boolean; error?: string }>;
}
