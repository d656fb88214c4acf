import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The booking list's channel filter (free text such as `booking.com`; the API compares it without case). */
export function ChannelFilter({ value, onChange }: { value: string; onChange: (value: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text.trim(), 250);
  // The URL is the truth: a cleared filter (the "clear" button) empties the box.
  useEffect(() => {
    if (value !== debounced) setText(value);
  }, [value]);
  useEffect(() => {
    if (debounced !== value) onChange(debounced || null);
    // Only the debounced text drives the URL.
  }, [debounced]);
  return (
    <TextInput
      label={t('bookingChannel.filter')}
      placeholder={t('bookingChannel.placeholder')}
      maxLength={60}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      data-testid="filter-channel"
    />
  );
}
