import { z } from 'zod';
import type { GroupSystemKind } from '../../db/schema.ts';

/** The languages the catalog's own entries are named in (issue 11 point 26). */
export const CatalogLanguage = z.enum(['en', 'es', 'fr']);
export type CatalogLanguage = z.infer<typeof CatalogLanguage>;
export type CatalogNames = Record<CatalogLanguage, string>;

/** The predefined tags in every language, keyed by the English name they are stored (and filtered) by. */
export const PREDEFINED_TAG_NAMES: Record<string, CatalogNames> = {
  'Friends & Family': { en: 'Friends & Family', es: 'Amigos y familia', fr: 'Amis et famille' },
  Business: { en: 'Business', es: 'Negocios', fr: 'Affaires' },
  Influencer: { en: 'Influencer', es: 'Influencer', fr: 'Influenceur' },
  Local: { en: 'Local', es: 'Local', fr: 'Local' },
  'No-show': { en: 'No-show', es: 'No presentado', fr: 'Non présenté' },
  Problematic: { en: 'Problematic', es: 'Problemático', fr: 'Problématique' },
  Regular: { en: 'Regular', es: 'Habitual', fr: 'Habitué' },
  VIP: { en: 'VIP', es: 'VIP', fr: 'VIP' },
};

/** The default groups in every language (the English name is the one stored at creation). */
export const SYSTEM_GROUP_NAMES: Record<GroupSystemKind, CatalogNames> = {
  visitor: { en: 'Visitor', es: 'Visitante', fr: 'Visiteur' },
  guest: { en: 'Guest', es: 'Huésped', fr: 'Client' },
  customer: { en: 'Customer', es: 'Cliente registrado', fr: 'Client inscrit' },
};

const same = (name: string): CatalogNames => ({ en: name, es: name, fr: name });

/** A tag's name per language: the translations for a predefined tag, its own name otherwise. */
export function tagNamesOf(tag: { name: string; predefined: boolean }): CatalogNames {
  return (tag.predefined && PREDEFINED_TAG_NAMES[tag.name]) || same(tag.name);
}

/** A group's name per language: the translations for a default group staff have not renamed. */
export function groupNamesOf(group: { name: string; systemKind: GroupSystemKind | null }): CatalogNames {
  const names = group.systemKind ? SYSTEM_GROUP_NAMES[group.systemKind] : undefined;
  return names && names.en === group.name ? names : same(group.name);
}
