import * as OTPAuth from 'otpauth';
import qrcode from 'qrcode-generator';

/** RFC 6238 with the parameters every authenticator app supports. */
const PERIOD = 30;

export function totp(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'hpconf', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

/**
 * The time step a code belongs to, or undefined. Only the current step is accepted: a code seen
 * over a shoulder is worth at most 30 s, and (with the last step stored per user) only once.
 */
export function codeStep(secret: string, label: string, code: string, now = Date.now()): number | undefined {
  const delta = totp(secret, label).validate({ token: code, timestamp: now, window: 0 });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The otpauth:// URI as an SVG QR code, for the enrolment screen (shown as a data: image, allowed by the CSP). */
export function qrSvg(uri: string): string {
  const q = qrcode(0, 'M');
  q.addData(uri);
  q.make();
  return q.createSvgTag({ cellSize: 4, margin: 4, scalable: true, alt: 'QR code of the TOTP secret' } as never);
}
