// Both services behind TLS, and behind mutual TLS for integrations, with certificates made for
// this test: a hospital CA, a server certificate, a client certificate from that CA and one from
// a stranger's CA. Only a client that trusts the CA gets in, and with mutual TLS only one that
// also shows a certificate the CA signed.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { clientCredentials } from '@opd/service-runtime';
import { makeTestCerts, refusal, type TestCerts } from '@opd/service-runtime/testing';
import { addDoctor } from '../support/hospital.js';
import { KEYS, startStack, type Stack } from '../support/stack.js';

let certs: TestCerts;
/** TLS on both listeners: the server proves who it is. */
let tls: Stack;
/** Mutual TLS on both listeners: the client must prove who it is too. */
let mutual: Stack;

const CALL = { timeoutMs: 5_000 };

beforeAll(async () => {
  certs = makeTestCerts();
  const serverFiles = { OPD_TLS_CERT_FILE: certs.serverCert, OPD_TLS_KEY_FILE: certs.serverKey };
  const mutualFiles = {
    ...serverFiles,
    OPD_TLS_CA_FILE: certs.caCert,
    OPD_TLS_REQUIRE_CLIENT_CERT: 'true',
  };
  [tls, mutual] = await Promise.all([
    startStack({
      allocationEnv: serverFiles,
      reportingEnv: serverFiles,
      clientCredentials: clientCredentials({ caFile: certs.caCert }),
    }),
    startStack({
      allocationEnv: mutualFiles,
      reportingEnv: mutualFiles,
      clientCredentials: clientCredentials({
        caFile: certs.caCert,
        certFile: certs.clientCert,
        keyFile: certs.clientKey,
      }),
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([tls.stop(), mutual.stop()]);
  certs.remove();
});

/** Calls one RPC of each service over `credentials` as an admin; resolves to what each said. */
async function callBoth(stack: Stack, credentials: grpc.ChannelCredentials) {
  const allocation = stack.allocationAs({ key: KEYS.admin, credentials });
  const reporting = stack.reportingAs({ key: KEYS.admin, credentials });
  const said = async (call: Promise<unknown>) => {
    const refused = await refusal(call).catch(() => undefined);
    return refused === undefined ? 'answered' : grpc.status[refused.code];
  };
  return {
    allocation: await said(
      allocation.listDoctors(
        { department: '', showInactive: false, pageSize: 0, pageToken: '' },
        CALL,
      ),
    ),
    reporting: await said(reporting.getProjectionStatus({}, CALL)),
  };
}

const both = (answer: string) => ({ allocation: answer, reporting: answer });

describe('TLS on both services', () => {
  it('lets a client that trusts the hospital CA book through it', async () => {
    const doctorId = await addDoctor(tls.client('admin'));
    expect(doctorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await callBoth(tls, clientCredentials({ caFile: certs.caCert }))).toEqual(
      both('answered'),
    );
  });

  it('refuses a plaintext client', async () => {
    expect(await callBoth(tls, grpc.credentials.createInsecure())).toEqual(both('UNAVAILABLE'));
  });

  it('refuses a client that does not trust the hospital CA', async () => {
    expect(await callBoth(tls, grpc.credentials.createSsl())).toEqual(both('UNAVAILABLE'));
  });
});

describe('mutual TLS on both services', () => {
  it('lets in a client with a certificate the hospital CA signed', async () => {
    const doctorId = await addDoctor(mutual.client('admin'));
    expect(doctorId).toMatch(/^[0-9a-f-]{36}$/);
    const credentials = clientCredentials({
      caFile: certs.caCert,
      certFile: certs.clientCert,
      keyFile: certs.clientKey,
    });
    expect(await callBoth(mutual, credentials)).toEqual(both('answered'));
  });

  it('refuses a client without a certificate, even one that trusts the CA', async () => {
    expect(await callBoth(mutual, clientCredentials({ caFile: certs.caCert }))).toEqual(
      both('UNAVAILABLE'),
    );
  });

  it("refuses a client whose certificate a stranger's CA signed", async () => {
    const credentials = clientCredentials({
      caFile: certs.caCert,
      certFile: certs.strangerCert,
      keyFile: certs.strangerKey,
    });
    expect(await callBoth(mutual, credentials)).toEqual(both('UNAVAILABLE'));
  });

  it('refuses a plaintext client', async () => {
    expect(await callBoth(mutual, grpc.credentials.createInsecure())).toEqual(both('UNAVAILABLE'));
  });

  it('still asks for an API key: a certificate proves the machine, not the role', async () => {
    const credentials = clientCredentials({
      caFile: certs.caCert,
      certFile: certs.clientCert,
      keyFile: certs.clientKey,
    });
    const anonymous = mutual.allocationAs({ key: undefined, credentials });
    expect(
      await refusal(
        anonymous.listDoctors({ department: '', showInactive: false, pageSize: 0, pageToken: '' }),
      ),
    ).toMatchObject({ code: grpc.status.UNAUTHENTICATED, reason: 'API_KEY_MISSING' });
  });
});
