import { isSmtpCommandText, parseSmtpCommand } from '../../../../src/domain/admin/smtp-command';

describe('"smtp" typed', () => {
  it('is the command alone or with one address or object id', () => {
    expect(isSmtpCommandText([])).toBe(true);
    expect(isSmtpCommandText(['scanner@contoso.example'])).toBe(true);
    expect(isSmtpCommandText(['0b9e4f43-2f6b-4c8e-9a51-0d1a0c5b7e21'])).toBe(true);
  });

  it('is a question for the knowledge base otherwise, whoever types it', () => {
    expect(isSmtpCommandText(['auth', 'error', '535'])).toBe(false);
    expect(isSmtpCommandText(['oauth'])).toBe(false);
    expect(isSmtpCommandText(['scanner@contoso.example', 'please'])).toBe(false);
  });

  it('reads the account, without the angle brackets a copied address may carry, and refuses an overlong one', () => {
    expect(parseSmtpCommand([])).toEqual({ ok: true });
    expect(parseSmtpCommand(['<scanner@contoso.example>'])).toEqual({ ok: true, account: 'scanner@contoso.example' });
    expect(parseSmtpCommand([`${'a'.repeat(300)}@contoso.example`])).toMatchObject({ ok: false });
  });
});
