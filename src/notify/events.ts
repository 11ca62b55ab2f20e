import type { Queryable } from '../store/db.js';

/** What a webhook may subscribe to (all by default). Names are stable: receivers filter on them. */
export const EVENT_KINDS = [
  'request.opened', 'request.approved', 'request.changes_requested', 'request.rejected', 'request.scheduled', 'request.suspended',
  'request.applied', 'request.closed', 'values.changed', 'coverage.dropped',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Record an event in the transaction that made it happen: it is delivered if and only if that commits (the
 * database fans it out to every webhook that wants it, see migration 7).
 */
export async function emit(tx: Queryable, kind: EventKind, environment: string | null, payload: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO hp_event (kind, environment, payload) VALUES ($1, $2, $3::jsonb)', [kind, environment, JSON.stringify(payload)]);
}

/** One line a chat (Slack's incoming webhooks, Mattermost, Teams via its Slack format) shows as the message. */
export function eventText(kind: string, environment: string | null, p: Record<string, unknown>): string {
  const env = environment ? ` ${environment}:` : '';
  const req = p.request !== undefined ? `change request #${p.request}` : '';
  const why = p.reason ? ` (${String(p.reason)})` : '';
  switch (kind) {
    case 'values.changed':
      return `hpconf${env} ${p.actor} changed ${p.keys} key(s) as change-set ${p.changesetId}${p.changeRequest ? ` (change request #${p.changeRequest})` : ''}${p.breakGlass ? ' BREAK-GLASS' : ''}${why}`;
    case 'coverage.dropped':
      return `hpconf${env} coverage dropped to ${Number(p.percent).toFixed(2)} % (${p.present}/${p.required} keys) after change-set ${p.changesetId} by ${p.actor}`;
    default: {
      const verb = kind.replace('request.', '').replace('_', ' ');
      return `hpconf${env} ${req} ${verb} by ${p.actor}${why}${p.body ? `: ${String(p.body)}` : ''}`;
    }
  }
}
