import { describe, expect, it } from '@jest/globals';
import { opd } from './support/run-cli.js';

// None of these reach a service: the CLI refuses them first, naming the flag, with exit code 2.
const request = ['token', 'request', '--doctor', 'x', '--phone', '98450 12345', '--name', 'A'];

describe('the CLI checking its arguments before calling anything', () => {
  it('names the flag whose value is wrong and says what it expects', async () => {
    const run = await opd([...request, '--source', 'vip']);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      "option '--source <source>' argument 'vip' is invalid. expected emergency, paid, follow-up, walk-in or online",
    );
  });

  it('names a missing required flag', async () => {
    const run = await opd(['token', 'request', '--doctor', 'x', '--name', 'A', '--source', 'paid']);
    expect(run.code).toBe(2);
    expect(run.err).toContain("required option '--phone <phone>' not specified");
  });

  it('refuses a date that is not on the calendar', async () => {
    const run = await opd([...request, '--source', 'paid', '--date', '2026-02-30']);
    expect(run.err).toContain(
      "option '--date <date>' argument '2026-02-30' is invalid. expected YYYY-MM-DD, today, tomorrow or +N days",
    );
  });

  it('refuses a malformed session and shows the format', async () => {
    const run = await opd([
      'doctor',
      'create',
      '--name',
      'Dr. A',
      '--department',
      'ENT',
      '--session',
      'mon 9-1',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      "option '--session <spec>' argument 'mon 9-1' is invalid. expected DAYS=HH:MM-HH:MM/MINUTESxCAPACITY",
    );
  });

  it('refuses an unknown day in a session', async () => {
    const run = await opd([
      'doctor',
      'create',
      '--name',
      'Dr. A',
      '--department',
      'ENT',
      '--session',
      'mun=09:00-10:00/15x2',
    ]);
    expect(run.err).toContain("unknown day 'mun' (mon … sun)");
  });

  it('asks for either flags or a file when creating a doctor', async () => {
    const run = await opd(['doctor', 'create', '--name', 'Dr. A']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'doctor create needs --name and --department (and --session for the weekly schedule), or --file.\n',
    );
  });

  it('refuses an id that is not a UUID', async () => {
    const run = await opd(['token', 'cancel', '42']);
    expect(run.err).toContain(
      "error: command-argument value '42' is invalid for argument 'token-id'. expected an id (UUID)",
    );
  });

  it("refuses a room's token that is neither an id nor a number", async () => {
    const run = await opd(['room', 'skip', 'seven']);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      "error: command-argument value 'seven' is invalid for argument 'token'. expected a token id (UUID), or a token number with --doctor",
    );
  });

  it('asks for the reason of a transfer', async () => {
    const run = await opd(['room', 'transfer', '7', '--doctor', 'rao', '--to', 'nair']);
    expect(run.code).toBe(2);
    expect(run.err).toContain("required option '--reason <text>' not specified");
  });

  it('refuses an address without a port', async () => {
    const run = await opd(['--allocation', 'localhost', 'doctor', 'list']);
    expect(run.err).toContain(
      `option '--allocation <host:port>' argument 'localhost' is invalid. expected host:port, a list of them or dns:host:port ("localhost" is not host:port)`,
    );
  });

  it('refuses a list of host names, saying what to give instead', async () => {
    const run = await opd(['--reporting', 'rep-1:50052,rep-2:50052', 'report', 'status']);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'a list takes IP addresses; for host names give one DNS name that resolves to every instance',
    );
  });

  it('refuses a NATS server list with something else in it', async () => {
    const run = await opd(['--nats', 'nats://127.0.0.1:4222,http://x', 'events', 'tail']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('"http://x" is not a NATS URL (nats://host:port)');
  });

  it('refuses an unknown time zone', async () => {
    const run = await opd(['--time-zone', 'Mars/Olympus', 'doctor', 'list']);
    expect(run.err).toContain('expected an IANA time zone such as Asia/Kolkata');
  });

  it('suggests the command meant when one is misspelt', async () => {
    const run = await opd(['bord', 'x']);
    expect(run.code).toBe(2);
    expect(run.err).toContain("error: unknown command 'bord'");
    expect(run.err).toContain('(Did you mean board?)');
  });

  it('needs both a client certificate and its key for mutual TLS', async () => {
    const run = await opd(['--tls-cert', 'client.pem', 'doctor', 'list']);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'TLS settings: --tls-cert and --tls-key: a client certificate needs both files',
    );
  });

  it('prints help and exits 0 when asked', async () => {
    const run = await opd(['token', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: opd token [options] [command]');
    expect(run.out).toContain('check-in <token-id>');
  });
});
