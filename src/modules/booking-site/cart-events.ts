import { EventEmitter } from 'node:events';

/** What the staff carts stream pushes when a cart changes (B-3). */
export interface CartChange {
  cartId: string;
  status: 'active' | 'abandoned' | 'converted';
  reason: 'item_added' | 'item_removed' | 'converted' | 'refused' | 'adopted';
  at: string;
}

/**
 * In-process publish/subscribe of cart changes, per organisation. One server process serves the
 * site and the staff stream, so no broker is needed; a cluster would put this on LISTEN/NOTIFY.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publishCartChange(orgId: string, change: Omit<CartChange, 'at'>): void {
  bus.emit(orgId, { ...change, at: new Date().toISOString() } satisfies CartChange);
}

/** Calls `listener` for every change in the organisation; returns the unsubscribe function. */
export function subscribeCartChanges(orgId: string, listener: (change: CartChange) => void): () => void {
  bus.on(orgId, listener);
  return () => bus.off(orgId, listener);
}
