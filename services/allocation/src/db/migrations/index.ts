import { Migration20261127000000_initial } from './Migration20261127000000_initial.js';
import { Migration20261127120000_apply_doctor_day_change } from './Migration20261127120000_apply_doctor_day_change.js';
import { Migration20261127160000_audit_request_index } from './Migration20261127160000_audit_request_index.js';
import { Migration20261204000000_batched_writes } from './Migration20261204000000_batched_writes.js';
import { Migration20261205000000_room } from './Migration20261205000000_room.js';

/** Every migration, in order. Listed explicitly so they run both from sources and from dist/. */
export const migrations = [
  { name: 'Migration20261127000000_initial', class: Migration20261127000000_initial },
  {
    name: 'Migration20261127120000_apply_doctor_day_change',
    class: Migration20261127120000_apply_doctor_day_change,
  },
  {
    name: 'Migration20261127160000_audit_request_index',
    class: Migration20261127160000_audit_request_index,
  },
  {
    name: 'Migration20261204000000_batched_writes',
    class: Migration20261204000000_batched_writes,
  },
  { name: 'Migration20261205000000_room', class: Migration20261205000000_room },
];
