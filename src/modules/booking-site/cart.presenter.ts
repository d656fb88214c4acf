import type { z } from 'zod';
import type { CartView } from './cart.service.ts';
import type { PriceRules } from './site-context.ts';
import type { PublicCartSchema, StaffCartSchema } from './site.schemas.ts';

/** The caller's own cart as the site shows it (no cart yet → an empty one); prices follow A-5. */
export function presentPublicCart(cart: CartView | undefined, rules: PriceRules): z.infer<typeof PublicCartSchema> {
  if (!cart)
    return { id: null, status: 'active', items: [], itemCount: 0, value: rules.visible ? 0 : null, currency: null };
  return {
    id: cart.id,
    status: cart.status,
    items: cart.items.map((i) => ({ ...i, price: rules.visible ? i.price : null })),
    itemCount: cart.itemCount,
    value: rules.visible ? cart.value : null,
    currency: cart.currency,
  };
}

/** A cart as staff see it (B-3). */
export function presentStaffCart(cart: CartView): z.infer<typeof StaffCartSchema> {
  return {
    id: cart.id,
    status: cart.status,
    customer: cart.guestId ? { guestId: cart.guestId, name: cart.customerName ?? '' } : null,
    items: cart.items,
    itemCount: cart.itemCount,
    value: cart.value,
    currency: cart.currency,
    createdAt: new Date(cart.createdAt).toISOString(),
    lastActivityAt: new Date(cart.lastActivityAt).toISOString(),
    convertedAt: cart.convertedAt ? new Date(cart.convertedAt).toISOString() : null,
    refused: cart.refusedAt ? { at: new Date(cart.refusedAt).toISOString(), guestId: cart.refusedGuestId } : null,
  };
}
