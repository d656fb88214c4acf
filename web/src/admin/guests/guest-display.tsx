import { Badge, Group } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../shared/i18n.ts';
import { useCatalogName, useTags, useTitles } from '../settings/catalog.api.ts';
import type { Guest, Tag, Title } from './guest.types.ts';

/** A title's label in the UI language (English when that one is missing). */
export function titleLabel(title: Title): string {
  return title.labels[currentLanguage()] || title.labels.en;
}

/** "Dr. José Müller-Etxeberria García": the title in the UI language, then the names. */
export function useGuestName() {
  const titles = useTitles();
  const { i18n } = useTranslation();
  const byId = useMemo(() => new Map((titles.data?.items ?? []).map((title) => [title.id, title])), [titles.data]);
  return useCallback(
    (guest: Pick<Guest, 'titleId' | 'firstName' | 'lastName' | 'secondLastName'>, withTitle = true) => {
      const title = withTitle && guest.titleId ? byId.get(guest.titleId) : undefined;
      return [title ? titleLabel(title) : null, guest.firstName, guest.lastName, guest.secondLastName]
        .filter((part) => part && part.trim())
        .join(' ');
    },
    // i18n.language: titles are shown in the UI language.
    [byId, i18n.language],
  );
}

export function initialsOf(guest: Pick<Guest, 'firstName' | 'lastName'>): string {
  return `${guest.firstName.charAt(0)}${guest.lastName.charAt(0)}`.toUpperCase() || '?';
}

/** Colours for the eight predefined tags, so a problem guest never shows in a friendly green. */
const predefinedColors: Record<string, string> = {
  VIP: 'grape',
  Business: 'blue',
  'Friends & Family': 'pink',
  Influencer: 'violet',
  Local: 'teal',
  'No-show': 'orange',
  Problematic: 'red',
  Regular: 'cyan',
};
const palette = ['teal', 'blue', 'violet', 'grape', 'orange', 'cyan', 'indigo', 'lime', 'pink', 'yellow'];

/** The badge colour of a tag: its own colour when set, else a stable colour picked from its name. */
export function tagColor(tag: Pick<Tag, 'name' | 'color'> | undefined): string {
  if (!tag) return 'gray';
  if (tag.color) return tag.color;
  const predefined = predefinedColors[tag.name];
  if (predefined) return predefined;
  let hash = 0;
  for (const char of tag.name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length] ?? 'gray';
}

/** A guest's tags as coloured badges (colours from Settings → Tags). */
export function TagBadges({ tags, size = 'sm' }: { tags: string[]; size?: 'xs' | 'sm' | 'md' }) {
  const catalog = useTags();
  const nameOf = useCatalogName();
  const byName = new Map((catalog.data?.items ?? []).map((tag) => [tag.name, tag]));
  if (tags.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {tags.map((name) => (
        <Badge
          key={name}
          size={size}
          variant="light"
          color={tagColor(byName.get(name) ?? { name, color: null })}
          tt="none"
          data-testid="tag-badge"
        >
          {nameOf(byName.get(name), name)}
        </Badge>
      ))}
    </Group>
  );
}
