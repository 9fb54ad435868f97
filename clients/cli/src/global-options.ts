import { type Command, InvalidArgumentError, Option } from 'commander';

/** The options every command understands, from flags or the environment. */
export interface GlobalOptions {
  readonly allocation: string;
  readonly reporting: string;
  readonly nats: string;
  readonly key?: string;
  readonly tls?: boolean;
  readonly tlsCa?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly timeout: number;
  readonly timeZone: string;
  readonly json?: boolean;
}

const address = (value: string): string => {
  if (!/^[^\s:]+:\d{1,5}$/.test(value)) throw new InvalidArgumentError('expected host:port');
  return value;
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
      new Option('--allocation <host:port>', 'the allocation service')
        .env('OPD_ALLOCATION_ADDRESS')
        .default('127.0.0.1:50051')
        .argParser(address),
    )
    .addOption(
      new Option('--reporting <host:port>', 'the reporting service (export)')
        .env('OPD_REPORTING_ADDRESS')
        .default('127.0.0.1:50052')
        .argParser(address),
    )
    .addOption(
      new Option('--nats <url>', 'NATS with JetStream (events tail)')
        .env('NATS_URL')
        .default('nats://127.0.0.1:4222'),
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
