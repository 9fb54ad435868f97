import { Migration20261128000000_read_model } from './Migration20261128000000_read_model.js';
import { Migration20261205000000_room } from './Migration20261205000000_room.js';

/** Every migration, in order. Listed explicitly so they run both from sources and from dist/. */
export const migrations = [
  { name: 'Migration20261128000000_read_model', class: Migration20261128000000_read_model },
  { name: 'Migration20261205000000_room', class: Migration20261205000000_room },
];
