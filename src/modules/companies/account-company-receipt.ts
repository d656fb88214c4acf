import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { CustomerPrincipal } from '../accounts/index.ts';
import { presentBookings } from '../bookings/index.ts';
import { requireCompanyRole } from './account-company.service.ts';

/**
 * A receipt for one of the company's bookings (issue 15, point 3, billing contacts), as a printable
 * HTML page: no PDF library is installed, so the browser's "Print → Save as PDF" makes the PDF.
 */

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

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

/** The receipt page of a company booking: billing contacts only; another company's booking is 404. */
export async function renderCompanyReceipt(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  bookingId: string,
  lang: 'en' | 'es' | 'fr' = 'en',
  now = new Date(),
): Promise<string> {
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
  const e = escapeHtml;
  const line = (k: string, v: string) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${e(L.receipt)} ${e(b!.reference)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;color:#222}th{text-align:left;padding:4px 16px 4px 0;vertical-align:top}td{padding:4px 0}.total td,.total th{font-weight:700;border-top:1px solid #999}</style>
</head><body>
<h1>${e(L.receipt)} — ${e(org?.name ?? '')}</h1>
<p><strong>${e(L.for)}:</strong> ${e(company.legalName ?? company.name)}${company.taxId ? `<br>${e(L.taxId)}: ${e(company.taxId)}` : ''}${address.map((a) => `<br>${e(a)}`).join('')}</p>
<table>
${line(L.booking, b!.reference)}
${line(L.stay, `${b!.checkIn} → ${b!.checkOut} (${b!.nights} ${L.nights})`)}
${line(L.room, `${property?.name ?? ''} · ${b!.roomTypeName}`)}
${line(L.travellers, (travellers.length ? travellers : b!.guests.map((g) => g.name)).join(', '))}
${line(L.status, b!.status)}
<tr class="total"><th>${e(L.total)}</th><td>${e(money)}</td></tr>
${line(L.issued, now.toISOString().slice(0, 10))}
</table>
</body></html>
`;
}
