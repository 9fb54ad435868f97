import type { ReportingConfig } from '../config.js';
import type { DurableConsumerOptions } from './durable-consumer.js';
import type { RetryPolicy } from './retry-policy.js';

/** The durable consumer and retry settings a configuration asks for. */
export function consumerSettings(config: ReportingConfig): {
  durable: DurableConsumerOptions;
  retry: RetryPolicy;
  concurrency: number;
} {
  return {
    durable: {
      streamName: config.OPD_EVENT_STREAM,
      subjectPrefix: config.OPD_EVENT_SUBJECT_PREFIX,
      replicas: config.OPD_EVENT_STREAM_REPLICAS,
      durableName: config.OPD_REPORTING_CONSUMER,
      ackWaitMs: config.OPD_REPORTING_ACK_WAIT_MS,
      maxAckPending: config.OPD_REPORTING_MAX_ACK_PENDING,
    },
    retry: {
      maxApplyAttempts: config.OPD_REPORTING_MAX_APPLY_ATTEMPTS,
      gapWaitMs: config.OPD_REPORTING_GAP_WAIT_MS,
    },
    concurrency: config.OPD_REPORTING_CONCURRENCY,
  };
}
