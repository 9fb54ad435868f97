// Which token of a board the clerk means by what they typed in Find: a token number ("44"), a
// phone number (looked up by the caller, which gives the patient's id), or a name (any script).
import type { TokenView } from '../../../shared/views.js';
import { matchesName } from '../../search-text.js';

export type FindQuery =
  | { readonly kind: 'number'; readonly number: number }
  | { readonly kind: 'phone'; readonly phone: string }
  | { readonly kind: 'name'; readonly name: string };

/** What kind of thing was typed: up to 4 digits is a token number, 6 or more a phone number. */
export function readFindQuery(typed: string): FindQuery | null {
  const text = typed.trim();
  if (text === '') return null;
  if (/^\d{1,4}$/.test(text)) return { kind: 'number', number: Number(text) };
  if (/^[+\d][\d\s()-]*$/.test(text) && text.replace(/\D/g, '').length >= 6) {
    return { kind: 'phone', phone: text };
  }
  return { kind: 'name', name: text };
}

/** The first token in board order that matches; a patient's held token before an old one. */
export function findToken(
  tokens: readonly TokenView[],
  query: FindQuery,
  patientId: string | null = null,
): TokenView | null {
  const matching = tokens.filter((token) => {
    if (query.kind === 'number') return token.tokenNumber === query.number;
    if (query.kind === 'phone') return token.patientId === patientId;
    return matchesName(token.patientName, query.name);
  });
  const held = new Set(['ALLOCATED', 'CHECKED_IN']);
  return matching.find((t) => held.has(t.status)) ?? matching[0] ?? null;
}
