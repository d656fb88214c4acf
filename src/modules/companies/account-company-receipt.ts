import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { CustomerPrincipal } from '../accounts/index.ts';
import { presentBookings } from '../bookings/index.ts';
import { requireCompanyRole } from './account-company.service.ts';

/**
 * A receipt for one of the company's bookings (issue 15, point 3, billing contacts). The contents
 * are gathered once here; `receipt-pdf.ts` lays them out as a PDF (what the account downloads) and
 * `renderReceiptHtml` as a printable page (`?format=html`).
 */

const LABELS = {
  en: {
    receipt: 'Receipt',
    for: 'Billed to',
    taxId: 'Tax id',
    booking: 'Booking',
    stay: 'Stay',
    nights: 'nights',
    room: 'Room',
    travellers: 'Travellers',
    status: 'Status',
    total: 'Total',
    issued: 'Issued',
  },
  es: {
    receipt: 'Recibo',
    for: 'Facturado a',
    taxId: 'NIF',
    booking: 'Reserva',
    stay: 'Estancia',
    nights: 'noches',
    room: 'Habitación',
    travellers: 'Viajeros',
    status: 'Estado',
    total: 'Total',
    issued: 'Emitido',
  },
  fr: {
    receipt: 'Reçu',
    for: 'Facturé à',
    taxId: 'N° fiscal',
    booking: 'Réservation',
    stay: 'Séjour',
    nights: 'nuits',
    room: 'Chambre',
    travellers: 'Voyageurs',
    status: 'Statut',
    total: 'Total',
    issued: 'Émis le',
  },
} as const;

export type ReceiptLanguage = keyof typeof LABELS;

/** What a receipt says, in the contact's language, ready to lay out. */
export interface CompanyReceipt {
  lang: ReceiptLanguage;
  reference: string;
  title: string;
  hotelName: string;
  billedToLabel: string;
  /** Legal name, tax id line and the billing address lines. */
  billedTo: string[];
  /** Label → value, the total excluded. */
  lines: [string, string][];
  total: [string, string];
  issued: [string, string];
}

/** The receipt of a company booking: billing contacts only; another company's booking is 404. */
export async function loadCompanyReceipt(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  bookingId: string,
  lang: ReceiptLanguage = 'en',
  now = new Date(),
): Promise<CompanyReceipt> {
  await requireCompanyRole(ctx, c, companyId, ['billing']);
  const row = await ctx.db
    .selectFrom('booking')
    .selectAll()
    .where('id', '=', bookingId)
    .where('companyId', '=', companyId)
    .executeTakeFirst();
  if (!row) throw notFound('Booking');
  const [[b], company, property, org] = await Promise.all([
    presentBookings(ctx, [row]),
    ctx.db.selectFrom('company').selectAll().where('id', '=', companyId).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('property').select('name').where('id', '=', row.propertyId).executeTakeFirst(),
    ctx.db.selectFrom('organisation').select('name').where('id', '=', ctx.orgId).executeTakeFirst(),
  ]);
  const L = LABELS[lang];
  const money = (() => {
    try {
      return new Intl.NumberFormat(lang, { style: 'currency', currency: b!.currency }).format(b!.total);
    } catch {
      return `${b!.total.toFixed(2)} ${b!.currency}`;
    }
  })();
  const address = [
    company.billingStreet,
    [company.billingPostcode, company.billingCity].filter(Boolean).join(' '),
    company.billingRegion,
    company.billingCountry,
  ].filter((v): v is string => !!v);
  const travellers = b!.guests.filter((g) => g.role !== 'customer').map((g) => g.name);
  return {
    lang,
    reference: b!.reference,
    title: L.receipt,
    hotelName: org?.name ?? '',
    billedToLabel: L.for,
    billedTo: [
      company.legalName ?? company.name,
      ...(company.taxId ? [`${L.taxId}: ${company.taxId}`] : []),
      ...address,
    ],
    lines: [
      [L.booking, b!.reference],
      [L.stay, `${b!.checkIn} – ${b!.checkOut} (${b!.nights} ${L.nights})`],
      [L.room, `${property?.name ?? ''} · ${b!.roomTypeName}`],
      [L.travellers, (travellers.length ? travellers : b!.guests.map((g) => g.name)).join(', ')],
      [L.status, b!.status],
    ],
    total: [L.total, money],
    issued: [L.issued, now.toISOString().slice(0, 10)],
  };
}

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The receipt as a printable HTML page (every value escaped). */
export function renderReceiptHtml(r: CompanyReceipt): string {
  const e = escapeHtml;
  const line = ([k, v]: [string, string]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`;
  return `<!doctype html>
<html lang="${r.lang}"><head><meta charset="utf-8"><title>${e(r.title)} ${e(r.reference)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;color:#222}th{text-align:left;padding:4px 16px 4px 0;vertical-align:top}td{padding:4px 0}.total td,.total th{font-weight:700;border-top:1px solid #999}</style>
</head><body>
<h1>${e(r.title)} — ${e(r.hotelName)}</h1>
<p><strong>${e(r.billedToLabel)}:</strong> ${r.billedTo.map(e).join('<br>')}</p>
<table>
${r.lines.map(line).join('\n')}
<tr class="total"><th>${e(r.total[0])}</th><td>${e(r.total[1])}</td></tr>
${line(r.issued)}
</table>
</body></html>
`;
}
