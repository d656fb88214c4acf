import { ConsentWordingRef } from '../consent/index.ts';
import { z } from 'zod';
import { CountryCode, GuestEmail, LanguageCode } from '../guests/index.ts';
import { IsoDate, refineStay } from '../properties/index.ts';

export const PropertyParams = z.strictObject({ propertyId: z.string().min(1).max(64) });
export const CartItemParams = z.strictObject({
  propertyId: z.string().min(1).max(64),
  itemId: z.string().min(1).max(64),
});

export const StayQuery = z
  .strictObject({
    checkIn: IsoDate,
    checkOut: IsoDate,
    adults: z.coerce.number().int().min(1).max(20).default(2),
    children: z.coerce.number().int().min(0).max(20).default(0),
  })
  .refine((q) => q.checkOut > q.checkIn, { path: ['checkOut'], message: 'must be after check-in' })
  .superRefine(refineStay());

export const CartItemInput = z
  .strictObject({
    roomTypeId: z.string().min(1).max(64),
    checkIn: IsoDate,
    checkOut: IsoDate,
    adults: z.number().int().min(1).max(20).default(2),
    children: z.number().int().min(0).max(20).default(0),
  })
  .refine((q) => q.checkOut > q.checkIn, { path: ['checkOut'], message: 'must be after check-in' })
  .superRefine(refineStay());
export type CartItemInput = z.infer<typeof CartItemInput>;

const Name = z.string().trim().min(1, 'required').max(100);
const Phone = z.string().trim().min(3).max(40);

/** The person who books (the customer) as the site's form sends them. */
export const SiteCustomer = z.strictObject({
  titleId: z.string().max(64).optional(),
  firstName: Name,
  lastName: Name,
  email: GuestEmail,
  phone: Phone.optional(),
  country: CountryCode.optional(),
  language: LanguageCode.optional(),
  marketingConsent: z.boolean().optional(),
  /** The consent wording shown next to the box (GET /api/v1/public/consent-wording): its version and language. */
  consentWording: ConsentWordingRef.optional(),
});

export const SitePerson = z.strictObject({
  firstName: Name,
  lastName: Name,
  email: GuestEmail.optional(),
  phone: Phone.optional(),
});
export type SitePerson = z.infer<typeof SitePerson>;

export const CheckoutBody = z
  .strictObject({
    propertyId: z.string().min(1).max(64),
    cartId: z.string().min(1).max(64).optional(),
    items: z.array(CartItemInput).min(1).max(10).optional(),
    customer: SiteCustomer,
    additionalGuests: z.array(SitePerson).max(10).default([]),
    /** Booking for someone else (I-3): the stay guest; the customer stays the one who books. */
    bookingFor: SitePerson.optional(),
    createAccount: z.boolean().default(false),
    notes: z.string().trim().max(2000).optional(),
    /** Book for this company at its price (issue 15 C-4): the signed-in customer must be its purchasing contact. */
    companyId: z.string().min(1).max(64).optional(),
  })
  .refine((b) => b.cartId || b.items, { path: ['cartId'], message: 'cartId or items is required' });
export type CheckoutInput = z.infer<typeof CheckoutBody>;

export const PublicProperty = z
  .object({
    id: z.string(),
    name: z.string(),
    hotelName: z.string(),
    currency: z.string(),
    country: z.string().nullable(),
    timezone: z.string(),
  })
  .meta({ id: 'PublicProperty' });

export const PriceRulesSchema = z.object({
  visible: z.boolean(),
  hiddenReason: z.enum(['log_in', 'validation', 'on_request']).nullable(),
  discountPercent: z.number(),
});

export const SiteInfoSchema = z
  .object({
    property: PublicProperty,
    prices: PriceRulesSchema,
    accounts: z.object({
      autoCreateAtCheckout: z.boolean(),
      offerCreateAtCheckout: z.boolean(),
      loginAtCheckout: z.boolean(),
      loginPage: z.enum(['public', 'hidden']),
    }),
    customer: z
      .object({
        username: z.string(),
        status: z.enum(['new', 'validated', 'cancelled']),
        titleId: z.string().nullable(),
        firstName: z.string(),
        lastName: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        country: z.string().nullable(),
        language: z.string().nullable(),
      })
      .nullable(),
    /** The companies the signed-in customer books for (purchasing contact, company validated), with their price rules. */
    companies: z.array(PriceRulesSchema.extend({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'SiteInfo' });

export const AvailabilitySchema = z
  .object({
    propertyId: z.string(),
    checkIn: z.string(),
    checkOut: z.string(),
    nights: z.number().int(),
    adults: z.number().int(),
    children: z.number().int(),
    prices: PriceRulesSchema,
    currency: z.string(),
    roomTypes: z.array(
      z.object({
        roomTypeId: z.string(),
        name: z.string(),
        capacity: z.number().int(),
        available: z.number().int(),
        fits: z.boolean(),
        /** null when prices are hidden for this visitor. */
        nightlyPrice: z.number().nullable(),
        totalBeforeDiscount: z.number().nullable(),
        total: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'SiteAvailability' });

const CartItemSchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  roomTypeId: z.string(),
  roomTypeName: z.string(),
  checkIn: z.string(),
  checkOut: z.string(),
  nights: z.number().int(),
  adults: z.number().int(),
  children: z.number().int(),
  discountPercent: z.number(),
  price: z.number().nullable(),
  currency: z.string(),
});

export const PublicCartSchema = z
  .object({
    id: z.string().nullable(),
    status: z.enum(['active', 'abandoned', 'converted']),
    items: z.array(CartItemSchema),
    itemCount: z.number().int(),
    value: z.number().nullable(),
    currency: z.string().nullable(),
  })
  .meta({ id: 'SiteCart' });

export const CheckoutResultSchema = z
  .object({
    checkoutId: z.string(),
    cartId: z.string(),
    replayed: z.boolean(),
    accountCreated: z.boolean(),
    /** The new account awaits staff validation: "pending validation", not "your account is ready". */
    accountPendingValidation: z.boolean(),
    email: z.string(),
    bookings: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        roomTypeName: z.string(),
        checkIn: z.string(),
        checkOut: z.string(),
        nights: z.number().int(),
        total: z.number(),
        currency: z.string(),
      }),
    ),
  })
  .meta({ id: 'SiteCheckoutResult' });

/** A host name as typed in Settings → Booking site (no scheme, no port, no path). */
const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/,
    'not a host name',
  );

export const SiteSettingsSchema = z
  .object({ hosts: z.array(z.string()), maxRoomsPerCheckout: z.number().int() })
  .meta({ id: 'SiteSettings' });
export const SiteSettingsBody = z.strictObject({
  hosts: z.array(HostName).max(20),
  maxRoomsPerCheckout: z.number().int().min(1).max(10),
});

export const CART_STATUSES = ['active', 'abandoned', 'converted'] as const;

export const StaffCartSchema = z
  .object({
    id: z.string(),
    status: z.enum(CART_STATUSES),
    customer: z.object({ guestId: z.string(), name: z.string() }).nullable(),
    items: z.array(CartItemSchema),
    itemCount: z.number().int(),
    value: z.number(),
    currency: z.string().nullable(),
    createdAt: z.string(),
    lastActivityAt: z.string(),
    convertedAt: z.string().nullable(),
    /** A checkout was refused because a guest on it is blocked (G-11). */
    refused: z.object({ at: z.string(), guestId: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Cart' });

export const ListCartsQuery = z.strictObject({
  status: z.enum(CART_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const CartKpisQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) });

export const CartKpisSchema = z
  .object({
    windowDays: z.number().int(),
    abandonAfterMinutes: z.number().int(),
    cartsNow: z.number().int(),
    counts: z.object({ active: z.number().int(), abandoned: z.number().int(), converted: z.number().int() }),
    abandonmentRate: z.number().nullable(),
    conversionRate: z.number().nullable(),
    averageCartValue: z.number().nullable(),
    currency: z.string().nullable(),
  })
  .meta({ id: 'CartKpis' });

export const CartSettingsSchema = z
  .object({ abandonAfterMinutes: z.number().int().min(5).max(43_200) })
  .meta({ id: 'CartSettings' });
export const CartSettingsBody = z.strictObject({ abandonAfterMinutes: z.number().int().min(5).max(43_200) });
