import { Migration20261128000000_read_model } from './Migration20261128000000_read_model.js';

/** Every migration, in order. Listed explicitly so they run both from sources and from dist/. */
export const migrations = [
  { name: 'Migration20261128000000_read_model', class: Migration20261128000000_read_model },
];
