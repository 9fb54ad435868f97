import type { Actor } from '@opd/api';
import { type Role, toProtoRole } from './roles.js';

/** Who is calling: the API key's name and role, and the connection the call came from. */
export interface Caller {
  keyName: string;
  role: Role;
  /** The peer address as grpc-js reports it, e.g. "10.2.0.14:51234". */
  peer: string;
  userAgent: string;
}

/** The `opd.v1.Actor` recorded with every mutation a caller makes. */
export function actorOf(caller: Caller): Actor {
  return {
    keyName: caller.keyName,
    role: toProtoRole(caller.role),
    client: { peer: caller.peer, userAgent: caller.userAgent },
  };
}
