// API keys for a local, non-production stack. Printed at start so grpcurl and the desktop app
// can use them; a real deployment sets OPD_API_KEYS / OPD_API_KEYS_FILE with hashed keys.
export const DEV_KEYS = {
  counter: 'dev-counter-key',
  doctor: 'dev-doctor-key',
  admin: 'dev-admin-key',
  integration: 'dev-integration-key',
  reporting: 'dev-reporting-key',
} as const;

export const devKeySpec = (): string =>
  Object.entries(DEV_KEYS)
    .map(([role, key]) => `${role}:${role}:plain=${key}`)
    .join(',');
