/**
 * The client address of a grpc-js peer string: "10.2.0.14:51234" → "10.2.0.14",
 * "::1:51234" → "::1". The peer string itself (address and port) names one connection.
 */
export function addressOf(peer: string): string {
  const colon = peer.lastIndexOf(':');
  if (colon <= 0 || !/^\d+$/.test(peer.slice(colon + 1))) return peer;
  return peer.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
}
