/** Shapes of the public booking-site API (mirrors src/modules/booking-site/site.schemas.ts). */
export interface SiteProperty {
  id: string;
  name: string;
  hotelName: string;
  currency: string;
  country: string | null;
  timezone: string;
}

export interface PriceRules {
  visible: boolean;
  hiddenReason: 'log_in' | 'validation' | 'on_request' | null;
  discountPercent: number;
}

export interface SiteCustomer {
  username: string;
  status: 'new' | 'validated' | 'cancelled';
  titleId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  language: string | null;
}

export interface SiteInfo {
  property: SiteProperty;
  prices: PriceRules;
  accounts: {
    autoCreateAtCheckout: boolean;
    offerCreateAtCheckout: boolean;
    loginAtCheckout: boolean;
    loginPage: 'public' | 'hidden';
  };
  customer: SiteCustomer | null;
  /** The companies the signed-in customer books for (their purchasing contact), with the company's price rules. */
  companies: (PriceRules & { id: string; name: string })[];
}

export interface Stay {
  checkIn: string;
  checkOut: string;
  adults: number;
  children: number;
}

export interface RoomOffer {
  roomTypeId: string;
  name: string;
  capacity: number;
  available: number;
  fits: boolean;
  nightlyPrice: number | null;
  totalBeforeDiscount: number | null;
  total: number | null;
}

export interface Availability {
  propertyId: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  adults: number;
  children: number;
  prices: PriceRules;
  currency: string;
  roomTypes: RoomOffer[];
}

export interface CartItem {
  id: string;
  propertyId: string;
  roomTypeId: string;
  roomTypeName: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  adults: number;
  children: number;
  discountPercent: number;
  price: number | null;
  currency: string;
}

export interface Cart {
  id: string | null;
  status: 'active' | 'abandoned' | 'converted';
  items: CartItem[];
  itemCount: number;
  value: number | null;
  currency: string | null;
}

export interface CheckoutResult {
  checkoutId: string;
  cartId: string;
  replayed: boolean;
  accountCreated: boolean;
  /** The new account waits for staff validation: not "your account is ready" (issue 11 #24). */
  accountPendingValidation: boolean;
  email: string;
  bookings: {
    id: string;
    reference: string;
    roomTypeName: string;
    checkIn: string;
    checkOut: string;
    nights: number;
    total: number;
    currency: string;
  }[];
}
