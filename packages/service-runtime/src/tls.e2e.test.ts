import * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { AllocationServiceClient, Token } from '@opd/api';
import { withDeadline } from './deadline.js';
import { decodeServiceError } from './status-details.js';
import { bearer, rejectionOf } from './testing/grpc-calls.js';
import { type TestCerts, makeTestCerts } from './testing/test-certs.js';
import { KEYS, type TestServer, getToken, startTestServer } from './testing/test-server.js';
import { clientCredentials, tlsCredentials } from './tls.js';

const TOKEN_ID = '6d1f1c0e-2b7a-4c39-8f41-0a9e5b3d7c22';
const found = async () => ({ token: Token.fromPartial({ tokenId: TOKEN_ID }) });

let certs: TestCerts;
beforeAll(() => {
  certs = makeTestCerts();
});
afterAll(() => certs.remove());

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Calls GetToken by host name, as the server certificate names it (DNS:localhost). */
async function call(server: TestServer, credentials: grpc.ChannelCredentials) {
  const client = new AllocationServiceClient(`localhost:${server.server.port}`, credentials);
  try {
    return await getToken(client, { tokenId: TOKEN_ID }, bearer(KEYS.counter), withDeadline(3_000));
  } finally {
    client.close();
  }
}

describe('TLS', () => {
  it('lets a client that trusts the CA call the server', async () => {
    running = await startTestServer(
      { getToken: found },
      { tls: { certFile: certs.serverCert, keyFile: certs.serverKey } },
    );

    const response = await call(running, clientCredentials({ caFile: certs.caCert }));

    expect(response.token?.tokenId).toBe(TOKEN_ID);
  });

  it('refuses a plaintext client', async () => {
    running = await startTestServer(
      { getToken: found },
      { tls: { certFile: certs.serverCert, keyFile: certs.serverKey } },
    );

    const error = await rejectionOf(call(running, clientCredentials()));

    expect(decodeServiceError(error).code).toBe(grpc.status.UNAVAILABLE);
  });
});

describe('mutual TLS', () => {
  const mtls = () => ({
    certFile: certs.serverCert,
    keyFile: certs.serverKey,
    caFile: certs.caCert,
    requireClientCert: true,
  });

  it('refuses a client without a certificate', async () => {
    running = await startTestServer({ getToken: found }, { tls: mtls() });

    const error = await rejectionOf(call(running, clientCredentials({ caFile: certs.caCert })));

    expect(decodeServiceError(error).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('refuses a client whose certificate another CA signed', async () => {
    running = await startTestServer({ getToken: found }, { tls: mtls() });
    const credentials = clientCredentials({
      caFile: certs.caCert,
      certFile: certs.strangerCert,
      keyFile: certs.strangerKey,
    });

    const error = await rejectionOf(call(running, credentials));

    expect(decodeServiceError(error).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('lets a client with a certificate signed by the CA call the server', async () => {
    running = await startTestServer({ getToken: found }, { tls: mtls() });
    const credentials = clientCredentials({
      caFile: certs.caCert,
      certFile: certs.clientCert,
      keyFile: certs.clientKey,
    });

    const response = await call(running, credentials);

    expect(response.token?.tokenId).toBe(TOKEN_ID);
  });
});

describe('TLS configuration', () => {
  it('requires a CA to verify client certificates', () => {
    expect(() =>
      tlsCredentials({
        certFile: certs.serverCert,
        keyFile: certs.serverKey,
        requireClientCert: true,
      }),
    ).toThrow(/caFile: required/);
  });

  it('names the file it cannot read', () => {
    expect(() =>
      tlsCredentials({ certFile: '/nonexistent/server.crt', keyFile: certs.serverKey }),
    ).toThrow(/certFile: cannot read '\/nonexistent\/server.crt'/);
  });

  it('needs both halves of a client certificate', () => {
    expect(() => clientCredentials({ caFile: certs.caCert, certFile: certs.clientCert })).toThrow(
      /needs both files/,
    );
  });
});
