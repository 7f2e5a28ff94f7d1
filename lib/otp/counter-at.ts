import { STEAM } from './account';
import { timeStep } from './time-step';

/** What a code's moving factor depends on. */
export type CounterSource =
  { readonly type: 'totp'; readonly period: number } | { readonly type: 'hotp'; readonly counter: number } | { readonly type: 'steam' };

/**
 * The moving factor of an account at `timeMs`: its time step for TOTP/Steam (RFC 6238 §4.2), its
 * stored counter for HOTP (RFC 4226 §5.2; time plays no part).
 */
export function counterAt(account: CounterSource, timeMs: number): number {
  switch (account.type) {
    case 'totp':
      return timeStep(account.period, timeMs).step;
    case 'hotp':
      return account.counter;
    case 'steam':
      return timeStep(STEAM.period, timeMs).step;
  }
}
