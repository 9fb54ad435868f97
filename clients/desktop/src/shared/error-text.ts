// Field names and bad-input errors in words staff read. Shared so that the preload (which
// refuses bad input before it crosses) and the main process (which refuses it again, and maps
// the services' field violations) say the same thing. Environment: std.
import type { IpcError } from './ipc-contract.js';
import type { Violation } from './validation.js';

const LABELS: Readonly<Record<string, string>> = {
  phone: 'Phone number',
  name: "Patient's name",
  doctorId: 'Doctor',
  date: 'Date',
  source: 'Source',
  preferredSlotId: 'Preferred slot',
  notes: 'Notes',
  displayName: "Doctor's name",
  department: 'Department',
  weeklySchedule: 'Weekly schedule',
  plan: 'Day plan',
  reason: 'Reason',
  startDate: 'From date',
  endDate: 'To date',
  statuses: 'Statuses',
  sources: 'Sources',
  pageToken: 'Page',
  pageSize: 'Page size',
  requestId: 'Request',
  tokenId: 'Token',
  id: 'Item',
  request: 'Request',
};

const words = (camel: string): string => camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * A field path in words.
 *
 * @example fieldLabel('weeklySchedule[0].sessions[1].endTime')
 *   // 'Weekly schedule, day 1, session 2, end time'
 */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const [head = '', ...rest] = parts;
  const top = /^(\w+)(?:\[(\d+)\])?$/.exec(head);
  const pieces: string[] = [];
  if (top?.[1]) {
    pieces.push(LABELS[top[1]] ?? words(top[1]));
    if (top[2] !== undefined) pieces.push(`day ${Number(top[2]) + 1}`);
  } else pieces.push(head);
  for (const part of rest) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
    if (!m?.[1]) continue;
    const singular = m[1].replace(/s$/, '');
    pieces.push(m[2] === undefined ? words(m[1]) : `${words(singular)} ${Number(m[2]) + 1}`);
  }
  return pieces.join(', ');
}

/** INVALID_ARGUMENT for input refused before any service saw it, or refused by one. */
export function violationError(
  violations: readonly Violation[],
  service: IpcError['service'] = null,
): IpcError {
  const list = violations.map((v) => `${fieldLabel(v.field)} ${v.description}`).join('; ');
  return {
    code: 'INVALID_ARGUMENT',
    reason: 'FIELD_VIOLATION',
    message: `Please check the form: ${list}.`,
    metadata: {},
    service,
    fieldViolations: violations.map((v) => ({ field: v.field, description: v.description })),
  };
}
