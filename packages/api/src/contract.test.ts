import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import {
  AllocationServiceService,
  BadRequest,
  ErrorInfo,
  ErrorReason,
  ReportingServiceService,
  RequestTokenRequest,
  RequestTokenResponse,
  RpcStatus,
  Source,
  TokenStatus,
  descriptorSetPath,
  errorReasonName,
  parseErrorReason,
} from './index.js';

describe('the opd.v1 contract', () => {
  it('carries a token request through encode and decode unchanged', () => {
    const request: RequestTokenRequest = {
      requestId: '0f6c2f4e-9a43-4f0e-9d55-3c1b7a2e8b10',
      patientPhone: '+919876543210',
      patientName: 'Meera Nair',
      doctorId: '6d1f1c0e-2b7a-4c39-8f41-0a9e5b3d7c22',
      date: '2025-03-14',
      source: Source.SOURCE_WALK_IN,
      preferredSlotId: '',
      notes: 'Needs a wheelchair',
      patientId: '',
    };

    const decoded = RequestTokenRequest.decode(RequestTokenRequest.encode(request).finish());

    expect(decoded).toEqual(request);
  });

  it('tells a token from a waitlist place by the oneof case', () => {
    const response = RequestTokenResponse.fromPartial({
      outcome: {
        $case: 'allocated',
        value: {
          token: {
            tokenNumber: 7,
            status: TokenStatus.TOKEN_STATUS_ALLOCATED,
            requestTime: new Date('2025-03-14T03:30:00Z'),
          },
        },
      },
    });

    const decoded = RequestTokenResponse.decode(RequestTokenResponse.encode(response).finish());

    expect(decoded.outcome?.$case).toBe('allocated');
    if (decoded.outcome?.$case === 'allocated') {
      expect(decoded.outcome.value.token?.tokenNumber).toBe(7);
      expect(decoded.outcome.value.token?.requestTime).toEqual(new Date('2025-03-14T03:30:00Z'));
    }
  });

  it('streams the live board and the export, and nothing else', () => {
    const streaming = [
      ...Object.values(AllocationServiceService),
      ...Object.values(ReportingServiceService),
    ]
      .filter((method) => method.responseStream)
      .map((method) => method.path);

    expect(streaming.sort()).toEqual([
      '/opd.v1.AllocationService/WatchDoctorDay',
      '/opd.v1.ReportingService/ExportTokens',
    ]);
  });

  it('ships a descriptor set that describes both services and their imports', () => {
    expect(existsSync(descriptorSetPath)).toBe(true);

    const set = fromBinary(FileDescriptorSetSchema, readFileSync(descriptorSetPath));
    // createFileRegistry fails if any imported file (google/protobuf, google/rpc) is missing.
    const registry = createFileRegistry(set);

    expect(registry.getService('opd.v1.AllocationService')?.methods.map((m) => m.name)).toContain(
      'RequestToken',
    );
    expect(registry.getService('opd.v1.ReportingService')?.methods.map((m) => m.name)).toContain(
      'ExportTokens',
    );
    expect(registry.getMessage('google.rpc.Status')).toBeDefined();
    expect(registry.getMessage('google.protobuf.Timestamp')).toBeDefined();
  });
});

describe('the google.rpc error details', () => {
  // Hand-computed bytes with Google's field numbers: our copies must stay wire-compatible.
  it('encodes ErrorInfo exactly as Google defines it', () => {
    const bytes = ErrorInfo.encode({
      reason: 'X',
      domain: 'opd.v1',
      metadata: { k: 'v' },
    }).finish();

    expect(Buffer.from(bytes).toString('hex')).toBe(
      '0a0158' + '12066f70642e7631' + '1a060a016b120176',
    );
  });

  it('encodes BadRequest field violations exactly as Google defines them', () => {
    const bytes = BadRequest.encode({
      fieldViolations: [{ field: 'a', description: 'b', reason: 'c' }],
    }).finish();

    expect(Buffer.from(bytes).toString('hex')).toBe('0a09' + '0a0161' + '120162' + '1a0163');
  });

  it('encodes Status exactly as Google defines it', () => {
    const bytes = RpcStatus.encode({
      code: 6,
      message: 'm',
      details: [{ typeUrl: 't', value: Buffer.from([1]) }],
    }).finish();

    expect(Buffer.from(bytes).toString('hex')).toBe('0806' + '12016d' + '1a060a0174120101');
  });
});

describe('error reasons', () => {
  it('sends a reason without its enum prefix', () => {
    expect(errorReasonName(ErrorReason.ERROR_REASON_PATIENT_ALREADY_HOLDS_TOKEN)).toBe(
      'PATIENT_ALREADY_HOLDS_TOKEN',
    );
  });

  it('reads every known reason back from its wire form', () => {
    const known = Object.values(ErrorReason).filter(
      (value): value is ErrorReason => typeof value === 'number' && value > 0,
    );

    for (const reason of known) {
      expect(parseErrorReason(errorReasonName(reason))).toBe(reason);
    }
  });

  it('treats a reason from a newer contract as unspecified', () => {
    expect(parseErrorReason('SOMETHING_NEW')).toBe(ErrorReason.ERROR_REASON_UNSPECIFIED);
  });
});
