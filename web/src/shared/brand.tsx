import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingEstate } from '@tabler/icons-react';

/** Logo mark plus a label (the product or the hotel name). */
export function Brand({ label, caption }: { label: string; caption?: string }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon size={36} radius="md" variant="gradient" gradient={{ from: 'teal.7', to: 'cyan.6', deg: 135 }}>
        <IconBuildingEstate size={20} />
      </ThemeIcon>
      <div>
        <Text fw={700} size="md" lh={1.2}>
          {label}
        </Text>
        {caption ? (
          <Text size="xs" c="dimmed" lh={1.2}>
            {caption}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}
