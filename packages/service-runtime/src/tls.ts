import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ConfigError } from './config.js';

/** PEM files for a TLS listener. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** The CA that signs client certificates; setting it turns client verification on. */
  caFile?: string | undefined;
  /**
   * Mutual TLS: refuse clients without a certificate signed by `caFile`. Defaults to true
   * when `caFile` is set; requires `caFile`.
   */
  requireClientCert?: boolean | undefined;
}

function read(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError([`${variable}: cannot read '${file}' (${(error as Error).message})`]);
  }
}

/** Server credentials: TLS from PEM files, with client-certificate checks for mTLS. */
export function tlsCredentials(files: TlsFiles): grpc.ServerCredentials {
  const requireClientCert = files.requireClientCert ?? files.caFile !== undefined;
  if (requireClientCert && files.caFile === undefined) {
    throw new ConfigError(['caFile: required to verify client certificates (mutual TLS)']);
  }
  const ca = files.caFile === undefined ? null : read('caFile', files.caFile);
  return grpc.ServerCredentials.createSsl(
    ca,
    [{ cert_chain: read('certFile', files.certFile), private_key: read('keyFile', files.keyFile) }],
    requireClientCert,
  );
}

/** PEM files for a client; no files at all means an insecure (plaintext) channel. */
export interface ClientTlsFiles {
  /** The CA that signed the server's certificate; the system roots when absent. */
  caFile?: string | undefined;
  /** The client's own certificate and key, for mutual TLS. */
  certFile?: string | undefined;
  keyFile?: string | undefined;
}

export function clientCredentials(files: ClientTlsFiles = {}): grpc.ChannelCredentials {
  const { caFile, certFile, keyFile } = files;
  if (caFile === undefined && certFile === undefined && keyFile === undefined) {
    return grpc.credentials.createInsecure();
  }
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError(['certFile, keyFile: a client certificate needs both files']);
  }
  return grpc.credentials.createSsl(
    caFile === undefined ? null : read('caFile', caFile),
    keyFile === undefined ? null : read('keyFile', keyFile),
    certFile === undefined ? null : read('certFile', certFile),
  );
}
