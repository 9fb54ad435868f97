import { Migration20261127000000_initial } from './Migration20261127000000_initial.js';

/** Every migration, in order. Listed explicitly so they run both from sources and from dist/. */
export const migrations = [
  { name: 'Migration20261127000000_initial', class: Migration20261127000000_initial },
];
