/**
 * The V8 heap settings the reporting service runs with (Dockerfile CMD, `npm start -w
 * @opd/reporting`; the export benchmark and memory test use this constant). Left to its
 * defaults, V8 lets a busy export's garbage pile up far beyond what is live: a million-row
 * export peaked at 340–380 MiB resident while its old generation held about 30 MiB of live
 * objects. A young generation of at most 3 × 8 MiB and an old-generation limit of 160 MiB
 * make it collect in step with the live set (peak ≈ 140 MiB, idle ≈ 117 MiB, at the same
 * throughput); the limit is five times the live heap under four exports and the consumer.
 */
export const REPORTING_NODE_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=160';
