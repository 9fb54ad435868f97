// Words for the source and status names, shared by the screens.
import type { SourceName, TokenStatusName } from '../../../shared/views.js';

export const SOURCE_LABELS: Readonly<Record<SourceName, string>> = {
  EMERGENCY: 'Emergency',
  PAID: 'Paid priority',
  FOLLOW_UP: 'Follow-up',
  WALK_IN: 'Walk-in',
  ONLINE: 'Online',
};

export const STATUS_LABELS: Readonly<Record<TokenStatusName, string>> = {
  ALLOCATED: 'Allocated',
  CHECKED_IN: 'Checked in',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  NO_SHOW: 'No-show',
  PREEMPTED: 'Displaced',
};
