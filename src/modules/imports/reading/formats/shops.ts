import type { ImportFormat } from './format.ts';

/**
 * PrestaShop's (and QloApps') customer import sample, "Customers" entity of Advanced parameters →
 * Import. Headers from PrestaShop's own sample data (tests/UI/data/import/customers.js in
 * github:PrestaShop/PrestaShop) and the import controller's field labels (AdminImportController,
 * `available_fields` for customers: "Email *", "Password *", "Birthday (yyyy-mm-dd)", …); QloApps
 * (github:Qloapps/QloApps, a PrestaShop 1.6 fork) writes the same labels. Usually ";"-separated.
 */
export const prestashopImportFormat: ImportFormat = {
  id: 'prestashop-import',
  name: 'PrestaShop / QloApps customer import file',
  reference: 'PrestaShop tests/UI/data/import/customers.js; AdminImportController customer fields',
  dateOrder: 'dmy',
  surnameStyle: 'single',
  columns: {
    'Customer ID': 'externalId',
    ID: 'externalId',
    'Active (0/1)': 'ignore',
    'Titles ID (Mr = 1, Ms = 2, else 0)': 'title',
    'Email *': 'email',
    'Password *': 'ignore',
    'Birthday (yyyy-mm-dd)': 'birthDate',
    'Birth date (yyyy-mm-dd)': 'birthDate',
    'Last Name *': 'familyName',
    'First Name *': 'givenName',
    'Newsletter (0/1)': 'newsletter',
    'Opt-in (0/1)': 'partnerOffers',
    'Registration date (yyyy-mm-dd)': 'ignore',
    'Groups (x,y,z...)': 'groups',
    'Default group ID': 'ignore',
    Company: 'company',
  },
  signature: ['Titles ID (Mr = 1, Ms = 2, else 0)', 'Newsletter (0/1)', 'Opt-in (0/1)', 'Password *'],
};

/**
 * PrestaShop's back-office customer list export (Customers → Export): CustomerController::exportAction
 * in PrestaShop 1.7/8 ("Social title", "Email address", "Partner offers", "Registration", "Last
 * visit"); QloApps and PrestaShop 1.6 export the same list with "Opt-in" for partner offers.
 * ";"-separated, dates "YYYY-MM-DD HH:MM:SS".
 */
export const prestashopExportFormat: ImportFormat = {
  id: 'prestashop-export',
  name: 'PrestaShop / QloApps customer export',
  reference: 'PrestaShop src/PrestaShopBundle/Controller/Admin/Sell/Customer/CustomerController.php exportAction',
  dateOrder: 'dmy',
  surnameStyle: 'single',
  columns: {
    ID: 'externalId',
    'Social title': 'title',
    'First name': 'givenName',
    'Last name': 'familyName',
    'Email address': 'email',
    Group: 'groups',
    Company: 'company',
    Sales: 'ignore',
    Enabled: 'ignore',
    Newsletter: 'newsletter',
    'Partner offers': 'partnerOffers',
    'Opt-in': 'partnerOffers',
    Registration: 'ignore',
    'Last visit': 'ignore',
  },
  signature: ['Social title', 'Email address', 'Sales', 'Enabled', 'Newsletter', 'Registration', 'Last visit'],
};

/**
 * WooCommerce → Analytics → Customers → Download: one "Name" column (first and last together).
 * Columns as the Analytics customers report table shows them (WooCommerce's "Customers Report"
 * documentation). Not checked against the plugin source in this session: verify with a real file.
 */
export const woocommerceCustomersFormat: ImportFormat = {
  id: 'woocommerce-customers',
  name: 'WooCommerce customers report',
  reference: 'WooCommerce Analytics → Customers report columns (documentation; to verify with a real file)',
  dateOrder: 'mdy',
  surnameStyle: 'single',
  columns: {
    Name: 'fullName',
    Username: 'ignore',
    'Last active': 'ignore',
    'Date registered': 'ignore',
    'Sign up': 'ignore',
    Email: 'email',
    Orders: 'ignore',
    'Total spend': 'ignore',
    AOV: 'ignore',
    'Country / Region': 'country',
    Country: 'country',
    City: 'city',
    Region: 'region',
    'Postal code': 'postcode',
  },
  signature: ['Name', 'Username', 'Last active', 'Orders', 'Total spend', 'AOV'],
};

/**
 * MotoPress Hotel Booking → Bookings → Export: one row per booked accommodation, so a booking of
 * two rooms is two rows with the same "ID". "Full Guest Name" is the guest staying in that room;
 * the customer is First/Last Name, Email, Phone. Labels from BookingsExporterHelper::
 * getBookingsExportColumns (includes/csv/bookings/bookings-exporter-helper.php of the plugin).
 * Dates follow the WordPress date format (the plugin's default, "m/d/Y", is assumed).
 */
export const motopressBookingsFormat: ImportFormat = {
  id: 'motopress-bookings',
  name: 'MotoPress Hotel Booking bookings export',
  reference: 'motopress-hotel-booking includes/csv/bookings/bookings-exporter-helper.php',
  dateOrder: 'mdy',
  surnameStyle: 'single',
  bookings: true,
  columns: {
    ID: 'bookingReference',
    Status: 'bookingStatus',
    'Check-in': 'checkIn',
    'Check-out': 'checkOut',
    'Accommodation Type': 'roomType',
    'Accommodation Type ID': 'ignore',
    Accommodation: 'ignore',
    Rate: 'ignore',
    'Adults/Guests': 'adults',
    Children: 'children',
    Services: 'ignore',
    'First Name': 'givenName',
    'Last Name': 'familyName',
    Email: 'email',
    Phone: 'phone',
    Country: 'country',
    Address: 'addressLine1',
    City: 'city',
    'State / County': 'region',
    Postcode: 'postcode',
    'Customer Note': 'notes',
    'Full Guest Name': 'stayGuestName',
    'Accommodation Subtotal': 'ignore',
    'Accommodation Taxes': 'ignore',
    'Total Accommodation Taxes': 'ignore',
    Fees: 'ignore',
    'Total Fees': 'ignore',
    'Services Subtotal': 'ignore',
    'Total Service Taxes': 'ignore',
    'Total Fee Taxes': 'ignore',
    Coupon: 'ignore',
    Discount: 'ignore',
    Total: 'totalPrice',
    Paid: 'ignore',
    'Payment Details': 'ignore',
    Date: 'bookingCreatedAt',
  },
  signature: ['Accommodation Type', 'Adults/Guests', 'Full Guest Name', 'Check-in', 'Check-out', 'Customer Note'],
};
