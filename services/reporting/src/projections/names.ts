import { Source, TokenStatus } from '@opd/api';

// The read model stores sources and statuses by name (readable in SQL and exports); these
// tables are the only place the names are paired with the proto enums, in proto order.

export const SOURCE_NAMES = ['EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const STATUS_NAMES = [
  'ALLOCATED',
  'CHECKED_IN',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'PREEMPTED',
  'CALLED',
  'TRANSFERRED',
] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/** Statuses that hold a place in a slot. */
export const OCCUPYING: readonly StatusName[] = ['ALLOCATED', 'CHECKED_IN', 'CALLED', 'COMPLETED'];

const PROTO_SOURCES: Readonly<Record<SourceName, Source>> = {
  EMERGENCY: Source.SOURCE_EMERGENCY,
  PAID: Source.SOURCE_PAID,
  FOLLOW_UP: Source.SOURCE_FOLLOW_UP,
  WALK_IN: Source.SOURCE_WALK_IN,
  ONLINE: Source.SOURCE_ONLINE,
};

const PROTO_STATUSES: Readonly<Record<StatusName, TokenStatus>> = {
  ALLOCATED: TokenStatus.TOKEN_STATUS_ALLOCATED,
  CHECKED_IN: TokenStatus.TOKEN_STATUS_CHECKED_IN,
  COMPLETED: TokenStatus.TOKEN_STATUS_COMPLETED,
  CANCELLED: TokenStatus.TOKEN_STATUS_CANCELLED,
  NO_SHOW: TokenStatus.TOKEN_STATUS_NO_SHOW,
  PREEMPTED: TokenStatus.TOKEN_STATUS_PREEMPTED,
  CALLED: TokenStatus.TOKEN_STATUS_CALLED,
  TRANSFERRED: TokenStatus.TOKEN_STATUS_TRANSFERRED,
};

export const toProtoSource = (name: SourceName): Source => PROTO_SOURCES[name];
export const toProtoStatus = (name: StatusName): TokenStatus => PROTO_STATUSES[name];

/** The name of a proto source; undefined for UNSPECIFIED and unknown numbers. */
export const sourceName = (source: Source): SourceName | undefined =>
  SOURCE_NAMES.find((name) => PROTO_SOURCES[name] === source);

/** The name of a proto token status; undefined for UNSPECIFIED and unknown numbers. */
export const statusName = (status: TokenStatus): StatusName | undefined =>
  STATUS_NAMES.find((name) => PROTO_STATUSES[name] === status);
