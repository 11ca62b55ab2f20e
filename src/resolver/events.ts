import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { logfmt } from './logfmt.js';

type FieldValue = string | number | boolean;
interface EventDef { level: string; fields: string[] }
const EVENTS: Record<string, EventDef> = JSON.parse(readFileSync(path.join(ROOT, 'spec', 'events.json'), 'utf8')).events;

/**
 * One event of the vocabulary (spec/events.json) as a logfmt line: fields in their documented order,
 * optional ones left out when absent. An unknown event, a missing required field or an unknown field
 * is a programming error and throws.
 */
export function eventLine(event: string, fields: Record<string, FieldValue | undefined>, level?: string): string {
  const def = EVENTS[event];
  if (!def) throw new Error(`unknown event ${event}`);
  const names = def.fields.map((f) => f.replace(/\?$/, ''));
  for (const k of Object.keys(fields)) if (!names.includes(k)) throw new Error(`event ${event} has no field ${k}`);
  const out: [string, FieldValue][] = [['level', level ?? def.level], ['event', event]];
  for (const f of def.fields) {
    const name = f.replace(/\?$/, '');
    const v = fields[name];
    if (v === undefined) {
      if (!f.endsWith('?')) throw new Error(`event ${event} needs field ${name}`);
      continue;
    }
    out.push([name, v]);
  }
  return logfmt(out);
}

export function eventNames(): string[] {
  return Object.keys(EVENTS);
}
