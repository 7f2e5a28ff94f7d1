import type { StateReply } from '@/lib/vault-service/protocol';
import type { Result } from '@/lib/result';
import { send } from '../../lib/messaging/client';

let first: Promise<Result<StateReply>> | undefined;

/**
 * The popup's first `state` request, started before Preact renders so the round trip to the
 * background overlaps with the first render. Later calls ask again.
 */
export function initialState(): Promise<Result<StateReply>> {
  const pending = first ?? send({ type: 'state' });
  first = undefined;
  return pending;
}

export function prefetchState(): void {
  first ??= send({ type: 'state' });
}
