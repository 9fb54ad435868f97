import type { AllocationProcess } from './allocation-process.js';

/** The global options that point the CLI at a test service with a key (and a zone). */
export const target = (service: AllocationProcess, key: string, timeZone?: string): string[] => [
  '--allocation',
  service.address,
  '--key',
  key,
  ...(timeZone ? ['--time-zone', timeZone] : []),
];

/** The id printed after a label, e.g. idAfter(out, 'token_id'). */
export function idAfter(text: string, label: string): string {
  const id = new RegExp(`${label}\\s+([0-9a-f-]{36})`).exec(text)?.[1];
  if (!id) throw new Error(`no ${label} in:\n${text}`);
  return id;
}
