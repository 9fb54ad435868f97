// When the waiting-room display announces: a token newly called in a room, or the called token
// announced again (its recall count went up). Environment: std.
import type { RoomDisplayView } from './views.js';

export interface Announcement {
  readonly kind: 'call' | 'recall';
  readonly tokenId: string;
  readonly tokenNumber: number;
}

/**
 * What changed between two snapshots of a room that the waiting room must hear. The first
 * snapshot announces nothing: a token already called was announced when it was called (a
 * display that starts or reconnects does not call it again).
 *
 * @example nobody called → token 7 called: { kind: 'call', tokenNumber: 7 }
 * @example token 7 (recalled 0) → token 7 (recalled 1): { kind: 'recall', tokenNumber: 7 }
 */
export function announcementOf(
  previous: RoomDisplayView | null,
  next: RoomDisplayView,
): Announcement | null {
  const called = next.called;
  if (previous === null || called === null) return null;
  const before = previous.called;
  const base = { tokenId: called.tokenId, tokenNumber: called.tokenNumber };
  if (before === null || before.tokenId !== called.tokenId) return { kind: 'call', ...base };
  if (called.recallCount > before.recallCount) return { kind: 'recall', ...base };
  return null;
}
