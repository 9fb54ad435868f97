export { ConnectionState, type ConnectionStateHooks } from './connection-state.js';
export {
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_STREAM_NAME,
  DEFAULT_SUBJECT_PREFIX,
  assertSubjectPrefix,
  ensureEventStream,
  eventSubject,
  type EventStreamOptions,
  type StreamChange,
} from './stream.js';
export { type ClusterNode, clusterNodeArgs, nodeUrl } from './cluster.js';
