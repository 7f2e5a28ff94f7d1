import type { SlotSummary } from '@/lib/vault/vault-slots';

/** When an unlock method was added, as a date in the page's language. */
export const slotCreatedOn = (slot: SlotSummary): string => new Date(slot.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
