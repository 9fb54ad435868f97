/**
 * An event the read model cannot take as it stands: it names a token or doctor-day the read
 * model has never seen, or lacks a field it needs. Deterministic, so retrying only helps if an
 * earlier event is still on its way; after bounded retries the event is parked.
 */
export class ProjectionError extends Error {
  override readonly name = 'ProjectionError';
}
