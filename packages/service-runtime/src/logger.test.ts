import { describe, expect, it } from '@jest/globals';
import { captureLog } from './testing/log-capture.js';
import { REDACTED_KEYS, redactPaths } from './logger.js';

const PHONE = '+919876543210';
const NAME = 'Meera Nair';

describe('createLogger', () => {
  it('writes JSON lines naming the program', () => {
    const { log, entries } = captureLog();

    log.info({ doctorId: 'd-1' }, 'token issued');

    expect(entries()).toEqual([
      expect.objectContaining({
        app: 'test',
        doctorId: 'd-1',
        msg: 'token issued',
        level: 30,
      }),
    ]);
  });

  it('never writes patient phone numbers or names, at any depth', () => {
    const { log, text, entries } = captureLog();

    log.info(
      {
        phone: PHONE,
        name: NAME,
        request: { patientPhone: PHONE, patientName: NAME, doctorId: 'd-1' },
        event: { payload: { patient: { patient_phone: PHONE, patient_name: NAME } } },
        board: { tokens: [{ patientName: NAME }], doctor: { displayName: 'Dr Rao' } },
      },
      'request received',
    );
    log
      .child({ patient: { phone: PHONE } })
      .warn({ a: { b: { c: { d: { name: NAME } } } } }, 'deep');

    expect(text()).not.toContain(PHONE);
    expect(text()).not.toContain(NAME);
    expect(text()).not.toContain('Dr Rao');
    expect(entries()[0]).toMatchObject({
      phone: '[redacted]',
      request: { patientPhone: '[redacted]', doctorId: 'd-1' },
    });
  });

  it('never writes the row values a database error quotes', () => {
    const { log, text, entries } = captureLog();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: `Key (phone)=(${PHONE}) already exists.`,
      where: `unnamed portal parameter $3 = '${NAME}'`,
    });

    log.error({ err: error }, 'rpc failed');

    expect(text()).not.toContain(PHONE);
    expect(text()).not.toContain(NAME);
    expect(entries()[0]).toMatchObject({ err: { code: '23505', detail: '[redacted]' } });
  });

  it('redacts every listed key from the top level down five levels', () => {
    const paths = redactPaths();

    expect(paths).toHaveLength(REDACTED_KEYS.length * 5);
    expect(paths).toEqual(expect.arrayContaining(['phone', '*.phone', '*.*.*.*.patientName']));
  });
});
