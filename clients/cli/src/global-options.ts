import { parseServiceAddress } from '@opd/api';
import { parseNatsServers } from '@opd/service-runtime';
import { type Command, InvalidArgumentError, Option } from 'commander';

/** The options every command understands, from flags or the environment. */
export interface GlobalOptions {
  readonly allocation: string;
  readonly reporting: string;
  /** NATS: one server, or every node of a cluster. */
  readonly nats: readonly string[];
  readonly key?: string;
  readonly tls?: boolean;
  readonly tlsCa?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly timeout: number;
  readonly timeZone: string;
  readonly json?: boolean;
}

/** One instance (host:port), several (IP:port,IP:port), or a DNS name (dns:host:port). */
const address = (value: string): string => {
  const parsed = parseServiceAddress(value);
  if (!parsed.ok)
    throw new InvalidArgumentError(
      `expected host:port, a list of them or dns:host:port (${parsed.problem})`,
    );
  return value;
};

const natsServers = (value: string): string[] => {
  const servers = parseNatsServers(value);
  if (!Array.isArray(servers)) throw new InvalidArgumentError(servers.problem);
  return servers;
};

const seconds = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected seconds above 0');
  return n;
};

const timeZone = (value: string): string => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new InvalidArgumentError('expected an IANA time zone such as Asia/Kolkata');
  }
  return value;
};

/** Adds the global options to the program (subcommands read them with optsWithGlobals). */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(
      new Option(
        '--allocation <host:port>',
        'the allocation service: host:port, several instances as IP:port,IP:port, or dns:name:port',
      )
        .env('OPD_ALLOCATION_ADDRESS')
        .default('127.0.0.1:50051')
        .argParser(address),
    )
    .addOption(
      new Option(
        '--reporting <host:port>',
        'the reporting service (export, report), as --allocation',
      )
        .env('OPD_REPORTING_ADDRESS')
        .default('127.0.0.1:50052')
        .argParser(address),
    )
    .addOption(
      new Option('--nats <url>', 'NATS with JetStream (events tail); a cluster as url,url,url')
        .env('NATS_URL')
        .default(['nats://127.0.0.1:4222'], 'nats://127.0.0.1:4222')
        .argParser(natsServers),
    )
    .addOption(new Option('-k, --key <key>', 'API key sent as a bearer token').env('OPD_API_KEY'))
    .addOption(new Option('--tls', 'connect with TLS, trusting the system roots'))
    .addOption(
      new Option('--tls-ca <file>', "PEM CA that signed the services' certificates").env(
        'OPD_TLS_CA_FILE',
      ),
    )
    .addOption(new Option('--tls-cert <file>', 'PEM client certificate, for mutual TLS'))
    .addOption(new Option('--tls-key <file>', 'PEM client key, for mutual TLS'))
    .addOption(
      new Option('--timeout <seconds>', 'deadline of each call').default(10).argParser(seconds),
    )
    .addOption(
      new Option('--time-zone <zone>', "the hospital's time zone (what today means)")
        .env('OPD_TIME_ZONE')
        .default('Asia/Kolkata')
        .argParser(timeZone),
    )
    .addOption(new Option('--json', 'print answers as JSON instead of text'));
}

/** The global options as seen from any (sub)command. */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
}
