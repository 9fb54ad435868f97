import { describe, expect, it } from '@jest/globals';
import { parseServiceAddress } from './service-address.js';

const target = (text: string) => {
  const parsed = parseServiceAddress(text);
  return parsed.ok ? parsed.target : `problem: ${parsed.problem}`;
};

describe('a service address', () => {
  it('leaves one instance as it is, name or address', () => {
    expect(target('127.0.0.1:50051')).toBe('127.0.0.1:50051');
    expect(target(' allocation.hospital.example:443 ')).toBe('allocation.hospital.example:443');
    expect(target('[::1]:50051')).toBe('[::1]:50051');
  });

  it('turns a list of addresses into one grpc-js target over all of them', () => {
    expect(target('127.0.0.1:50051,127.0.0.1:50061')).toBe('ipv4:127.0.0.1:50051,127.0.0.1:50061');
    expect(target('10.0.0.5:50051, 10.0.0.6:50051')).toBe('ipv4:10.0.0.5:50051,10.0.0.6:50051');
    expect(target('localhost:50051,localhost:50061')).toBe('ipv4:127.0.0.1:50051,127.0.0.1:50061');
    expect(target('[::1]:50051,[fe80::1]:50051')).toBe('ipv6:[::1]:50051,[fe80::1]:50051');
    expect(target('ipv4:127.0.0.1:1,127.0.0.1:2')).toBe('ipv4:127.0.0.1:1,127.0.0.1:2');
  });

  it('takes a DNS name that resolves to every instance as it is', () => {
    expect(target('dns:allocation:50051')).toBe('dns:allocation:50051');
    expect(target('dns:///allocation.opd.svc.cluster.local:50051')).toBe(
      'dns:///allocation.opd.svc.cluster.local:50051',
    );
  });

  it('names what is wrong with an address it cannot use', () => {
    expect(target('')).toMatch(/no address/);
    expect(target('127.0.0.1')).toMatch(/not host:port/);
    expect(target('127.0.0.1:70000')).toMatch(/port must be a number from 1 to 65535/);
    expect(target('::1:50051')).toMatch(/IPv6 address in brackets/);
    expect(target('bad_host!:50051')).toMatch(/is not a host name/);
    expect(target('dns:allocation')).toMatch(/not host:port/);
    expect(target('allocation-1:50051,allocation-2:50051')).toMatch(
      /a list takes IP addresses; for host names give one DNS name/,
    );
    expect(target('127.0.0.1:1,[::1]:2')).toMatch(/all IPv4 or all IPv6/);
    expect(target('ipv6:127.0.0.1:1,127.0.0.1:2')).toMatch(/ipv6: takes IPv6 addresses/);
  });
});
