import * as grpc from '@grpc/grpc-js';
import { doctorDayAlternativesIn } from '@opd/api';
import { decodeServiceError } from '@opd/service-runtime';
import { adviceFor } from './refusal-advice.js';

/** A failure already worded for the operator; printed as is, then the CLI exits non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad or missing arguments that commander cannot check by itself (exit code 2). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The service a call went to, so an error can say where it could not get. */
export interface Target {
  readonly service: 'allocation' | 'reporting';
  readonly address: string;
}

/** "the doctor-day's last slot has ended." → "The doctor-day's last slot has ended" */
const phrase = (text: string) => {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  return trimmed === '' ? '' : `${trimmed[0]?.toUpperCase()}${trimmed.slice(1)}`;
};

/**
 * A failed gRPC call as sentences: what went wrong, the status and stable reason, and every
 * bad field, e.g. "The doctor-day's last slot has ended (FAILED_PRECONDITION, DOCTOR_DAY_OVER).",
 * then what to do about it where the CLI knows (refusal-advice.ts).
 */
export function describeServiceError(error: unknown, target: Target): string {
  const decoded = decodeServiceError(error);
  const codeName = grpc.status[decoded.code] ?? String(decoded.code);
  if (decoded.code === grpc.status.UNAVAILABLE && decoded.reason === undefined) {
    // grpc-js nests its reasons (round_robin: No connection established. Last error: …);
    // the operator needs the innermost one, e.g. "connect ECONNREFUSED 127.0.0.1:1".
    const cause = decoded.message
      .replace(/\.?\s*Resolution note:.*$/s, '')
      .replace(/^.*Last error: /s, '')
      .replace(/^Error: /, '');
    return (
      `Cannot reach the ${target.service} service at ${target.address} (${cause}). ` +
      `Is it running? \`npm start\` runs the whole stack; --${target.service} <host:port> points elsewhere.`
    );
  }
  if (decoded.reason === 'API_KEY_MISSING') {
    return 'No API key was sent: pass --key <key> or set OPD_API_KEY (`npm start` prints the development keys).';
  }
  const status = [codeName, decoded.reason].filter(Boolean).join(', ');
  // With field violations the message only repeats them: say so once and list them.
  const lines = [
    decoded.fieldViolations.length > 0
      ? `The request has fields the service cannot accept (${status}):`
      : `${phrase(decoded.message) || 'The call failed'} (${status}).`,
  ];
  for (const violation of decoded.fieldViolations) {
    lines.push(`  - ${violation.field}: ${violation.description}`);
  }
  const facts = Object.entries(decoded.metadata);
  if (facts.length > 0) lines.push(`  details: ${facts.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  const alternatives = doctorDayAlternativesIn(decoded.otherDetails);
  if (alternatives.length > 0) {
    lines.push('  room elsewhere (ask again with --doctor <id> --date <date>):');
    alternatives.forEach((a, i) =>
      lines.push(
        `    ${i + 1}. ${a.doctorDisplayName} (${a.department}) on ${a.date} from ${a.firstFreeTime}, ` +
          `${a.freePlaces} free — --doctor ${a.doctorId} --date ${a.date}`,
      ),
    );
  }
  const advice = adviceFor(decoded);
  if (advice) lines.push(`  ${advice}`);
  return lines.join('\n');
}

/** True for a gRPC error with this code (and reason, when given). */
export function isRefusal(error: unknown, code: grpc.status, reason?: string): boolean {
  const decoded = decodeServiceError(error);
  return decoded.code === code && (reason === undefined || decoded.reason === reason);
}
