// A stand-in for the reporting service that serves ExportTokens from rows in memory, so the
// CSV export can be tested on its own (the real service is tested in services/reporting).
import * as grpc from '@grpc/grpc-js';
import {
  type ExportTokensRequest,
  type ExportTokensResponse,
  ReportingServiceService,
  Source,
  type TokenRecord,
  TokenStatus,
} from '@opd/api';
import { ApiError } from '@opd/service-runtime';

export interface FakeReporting {
  readonly address: string;
  readonly requests: ExportTokensRequest[];
  stop(): Promise<void>;
}

/** Row n of a made-up day: every field set, so every CSV column can be checked. */
export function tokenRecord(n: number): TokenRecord {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 3, 30 + minutes));
  return {
    tokenId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tokenNumber: n,
    doctorDayId: '11111111-1111-4111-8111-111111111111',
    doctorId: '22222222-2222-4222-8222-222222222222',
    doctorDisplayName: 'Dr. Meera Rao',
    department: 'ENT, Head & Neck',
    date: '2026-11-27',
    patientId: '33333333-3333-4333-8333-333333333333',
    slotId: '44444444-4444-4444-8444-444444444444',
    slotStartTime: at(0),
    source: Source.SOURCE_WALK_IN,
    priority: 2,
    status: TokenStatus.TOKEN_STATUS_COMPLETED,
    requestTime: at(-30),
    allocateTime: at(-30),
    checkInTime: at(-5),
    completeTime: at(10),
    cancelTime: undefined,
    noShowTime: undefined,
    preemptTime: undefined,
    preempted: false,
    promoted: n % 2 === 0,
    callTime: at(1),
    skipCount: 0,
    recallCount: 1,
    transferTime: undefined,
    transferredFromTokenId: '',
    transferredToTokenId: '',
  };
}

/** Serves `rows` in batches of 500; with `failAfter`, breaks the stream after that many batches. */
export async function startFakeReporting(
  key: string,
  rows: number,
  failAfter?: number,
): Promise<FakeReporting> {
  const requests: ExportTokensRequest[] = [];
  const server = new grpc.Server();
  server.addService(ReportingServiceService, {
    exportTokens: (call: grpc.ServerWritableStream<ExportTokensRequest, ExportTokensResponse>) => {
      if (call.metadata.get('authorization')[0] !== `Bearer ${key}`) {
        call.emit(
          'error',
          new ApiError('UNAUTHENTICATED', 'unknown API key', {
            reason: 'API_KEY_INVALID',
          }).toServiceError(),
        );
        return;
      }
      requests.push(call.request);
      void (async () => {
        for (let start = 1, batch = 0; start <= rows; start += 500, batch++) {
          if (batch === failAfter) {
            call.emit(
              'error',
              new ApiError('UNAVAILABLE', 'the read model went away', {
                reason: 'TEST',
              }).toServiceError(),
            );
            return;
          }
          const records = Array.from({ length: Math.min(500, rows - start + 1) }, (_, i) =>
            tokenRecord(start + i),
          );
          if (!call.write({ tokenRecords: records }))
            await new Promise((resolve) => call.once('drain', resolve));
        }
        call.end();
      })();
    },
  } as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
