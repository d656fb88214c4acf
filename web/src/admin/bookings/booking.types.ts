/** Shapes of the bookings and properties API (mirrors the server's response schemas). */
export const bookingStatuses = ['confirmed', 'in_house', 'checked_out', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingSources = [
  'site',
  'staff',
  'import',
  'api',
  'channel_manager',
  'pms',
  'ota',
  'phone',
  'walk_in',
  'email',
] as const;
export type BookingSource = (typeof bookingSources)[number];

/** The channels staff pick when they enter a booking by hand. */
export const manualSources = ['staff', 'phone', 'walk_in', 'email'] as const;

export interface BookingGuest {
  guestId: string;
  role: 'customer' | 'stay' | 'additional';
  name: string;
}

export interface Booking {
  id: string;
  reference: string;
  propertyId: string;
  roomTypeId: string;
  roomTypeName: string;
  /** Null once the customer was deleted: the booking is kept, its name shown as `*****`. */
  customerId: string | null;
  customerName: string;
  guests: BookingGuest[];
  checkIn: string;
  checkOut: string;
  nights: number;
  adults: number;
  children: number;
  status: BookingStatus;
  total: number;
  currency: string;
  source: string;
  /** The channel a connected tool's booking came from (`booking.com`), null when not given. */
  channel: string | null;
  externalRef: string | null;
  notes: string | null;
  createdBy: { type: string; id: string | null; name: string | null };
  blockedGuest: boolean;
  /** The company it was made for and its contact who made it (issue 15). */
  companyId?: string | null;
  contactId?: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

export interface BookingPage {
  items: Booking[];
  nextCursor: string | null;
}

export interface Property {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  country: string | null;
  createdAt: string;
}

export interface RoomType {
  id: string;
  propertyId: string;
  name: string;
  capacity: number;
  nightlyPrice: number;
  roomCount: number;
  active: boolean;
}

export interface Availability {
  from: string;
  to: string;
  roomTypes: {
    roomTypeId: string;
    name: string;
    roomCount: number;
    nights: { night: string; available: number }[];
    availableForStay: number;
  }[];
}

/** The list filters, as kept in the page's URL. */
export interface BookingFilters {
  q: string;
  status: string;
  propertyId: string;
  source: string;
  channel: string;
  checkInFrom: string;
  checkInTo: string;
  flagged: string;
}

export const filterKeys: (keyof BookingFilters)[] = [
  'q',
  'status',
  'propertyId',
  'source',
  'channel',
  'checkInFrom',
  'checkInTo',
  'flagged',
];
