import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowsJoin,
  IconFingerprint,
  IconGitMerge,
  IconUserPlus,
  IconUsers,
  IconUserCheck,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { useGuestName } from '../guests/guest-display.tsx';
import type { Actor } from '../guests/guest.types.ts';
import { UndoMergeModal } from '../merges/undo-merge-modal.tsx';
import { useGuestMerges, type Merge } from '../merges/merges.api.ts';
import { useGuestIdentity, type GuestIdentity, type IdentityDecision } from './duplicates.api.ts';
import { ExplanationText } from './explanation-text.tsx';
import { MatchReasons, ScoreBadge, useRuleText } from './match-reasons.tsx';

/** The Identity tab's icon (kept here so the profile page needs no icon import for it). */
export const IdentityTabIcon = IconFingerprint;

/**
 * I-2, I-5: why this profile is what it is — the resolver's decisions (rule, score, reasons,
 * source), the people related to it or possibly the same, and its merges (with undo).
 */
export function GuestIdentityTab({
  guestId,
  guestName,
  canWrite,
}: {
  guestId: string;
  guestName: string;
  canWrite: boolean;
}) {
  const identity = useGuestIdentity(guestId);
  return (
    <Stack gap="lg" data-testid="guest-identity">
      <MergeHistory guestId={guestId} guestName={guestName} canWrite={canWrite} />
      <RelatedPeople guestId={guestId} identity={identity.data} error={identity.error} canWrite={canWrite} />
      <Decisions identity={identity.data} error={identity.error} />
    </Stack>
  );
}

function useActorName() {
  const { t, i18n } = useTranslation();
  return (actor: Actor | null) => {
    if (!actor) return '';
    if (actor.name) return actor.name;
    const key = `guests.actors.${actor.type}`;
    return i18n.exists(key) ? t(key) : actor.type;
  };
}

function SectionTitle({ title, hint }: { title: string; hint: string }) {
  return (
    <Stack gap={2} mb="sm">
      <Title order={5}>{title}</Title>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

function MergeHistory({ guestId, guestName, canWrite }: { guestId: string; guestName: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actorName = useActorName();
  const merges = useGuestMerges(guestId);
  const items = merges.data?.pages.flatMap((page) => page.items);
  const [undoing, setUndoing] = useState<Merge | null>(null);

  return (
    <Card>
      <SectionTitle title={t('duplicates.identity.mergesTitle')} hint={t('duplicates.identity.mergesHint')} />
      {merges.isError ? (
        <Alert color="red">{describeError(merges.error)}</Alert>
      ) : !items ? (
        <Skeleton h={60} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="merges-empty">
          {t('duplicates.identity.noMerges')}
        </Text>
      ) : (
        <Timeline bulletSize={26} lineWidth={2} data-testid="merge-history">
          {items.map((merge) => {
            const isSurvivor = merge.survivorId === guestId;
            return (
              <Timeline.Item
                key={merge.id}
                bullet={merge.undoneAt ? <IconArrowBackUp size={14} /> : <IconGitMerge size={14} />}
                color={merge.undoneAt ? 'gray' : 'teal'}
                data-testid="merge-entry"
                data-undone={merge.undoneAt ? 'true' : 'false'}
              >
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {isSurvivor
                        ? t('duplicates.identity.mergedInto', {
                            count: merge.mergedNames.length,
                            names: merge.mergedNames.join(', '),
                          })
                        : t('duplicates.identity.wasMerged')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('duplicates.identity.mergedBy', {
                        when: format.dateTime(merge.createdAt),
                        who: actorName(merge.createdBy),
                      })}
                    </Text>
                    {merge.undoneAt ? (
                      <Badge variant="light" color="gray" tt="none" w="fit-content">
                        {t('duplicates.identity.undoneBy', {
                          when: format.dateTime(merge.undoneAt),
                          who: actorName(merge.undoneBy),
                        })}
                      </Badge>
                    ) : null}
                  </Stack>
                  {canWrite && isSurvivor && !merge.undoneAt ? (
                    <Button
                      size="compact-sm"
                      variant="light"
                      color="orange"
                      leftSection={<IconArrowBackUp size={14} />}
                      onClick={() => setUndoing(merge)}
                      data-testid="merge-undo"
                    >
                      {t('duplicates.identity.undoMerge')}
                    </Button>
                  ) : null}
                </Group>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {merges.hasNextPage ? (
        <Button mt="sm" variant="subtle" size="compact-sm" onClick={() => void merges.fetchNextPage()}>
          {t('duplicates.loadMore')}
        </Button>
      ) : null}
      <UndoMergeModal merge={undoing} survivorName={guestName} onClose={() => setUndoing(null)} />
    </Card>
  );
}

function RelatedPeople({
  guestId,
  identity,
  error,
  canWrite,
}: {
  guestId: string;
  identity: GuestIdentity | undefined;
  error: unknown;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const nameOf = useGuestName();
  return (
    <Card>
      <SectionTitle title={t('duplicates.identity.relatedTitle')} hint={t('duplicates.identity.relatedHint')} />
      {error ? (
        <Alert color="red">{describeError(error)}</Alert>
      ) : !identity ? (
        <Skeleton h={60} />
      ) : identity.related.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('duplicates.identity.noRelated')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="identity-related">
          {identity.related.map((person) => (
            <Group key={person.id} justify="space-between" wrap="wrap" gap="xs" data-testid="identity-related-item">
              <Group gap="sm">
                {person.kind === 'related' ? (
                  <IconUsers size={18} color="var(--mantine-color-blue-6)" />
                ) : (
                  <IconArrowsJoin size={18} color="var(--mantine-color-grape-6)" />
                )}
                <Anchor component={Link} to={`/guests/${person.id}`} size="sm" fw={600}>
                  {nameOf({ ...person, titleId: null, secondLastName: null }) || t('guests.unnamed')}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {[person.email, person.phone].filter(Boolean).join(' · ')}
                </Text>
              </Group>
              <Group gap="xs">
                <ScoreBadge score={person.score} kind={person.kind} />
                {canWrite && person.kind === 'candidate' ? (
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconArrowsJoin size={14} />}
                    onClick={() => void navigate(`/guests/merge?ids=${guestId},${person.id}`)}
                  >
                    {t('duplicates.actions.merge')}
                  </Button>
                ) : null}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function Decisions({ identity, error }: { identity: GuestIdentity | undefined; error: unknown }) {
  const { t } = useTranslation();
  if (error) return null;
  return (
    <Card p={0}>
      <Stack p="md" pb={0}>
        <SectionTitle title={t('duplicates.identity.decisionsTitle')} hint={t('duplicates.identity.decisionsHint')} />
      </Stack>
      {identity && identity.decisions.length === 0 ? (
        <EmptyState
          py={32}
          icon={<IconFingerprint size={28} />}
          variant="light"
          color="gray"
          title={t('duplicates.identity.noDecisionsTitle')}
          description={t('duplicates.identity.noDecisions')}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="identity-decisions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('duplicates.identity.when')}</Table.Th>
                <Table.Th>{t('duplicates.identity.source')}</Table.Th>
                <Table.Th>{t('duplicates.identity.decision')}</Table.Th>
                <Table.Th>{t('duplicates.identity.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {identity
                ? identity.decisions.map((decision, index) => <DecisionRow key={index} decision={decision} />)
                : [0, 1].map((row) => (
                    <Table.Tr key={row}>
                      <Table.Td colSpan={4}>
                        <Skeleton h={24} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function DecisionRow({ decision }: { decision: IdentityDecision }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const ruleText = useRuleText();
  const known = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
  const matched = decision.outcome === 'matched';
  return (
    <Table.Tr data-testid="identity-decision">
      <Table.Td>
        <Tooltip label={format.dateTime(decision.createdAt)}>
          <Text size="sm">{format.relative(decision.createdAt)}</Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{known(`duplicates.sources.${decision.source}`, decision.source)}</Text>
        <Text size="xs" c="dimmed">
          {known(`duplicates.roles.${decision.role}`, decision.role)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Badge
            variant="light"
            color={matched ? 'teal' : 'blue'}
            tt="none"
            leftSection={matched ? <IconUserCheck size={12} /> : <IconUserPlus size={12} />}
          >
            {t(matched ? 'duplicates.identity.matched' : 'duplicates.identity.created')}
          </Badge>
          {matched ? (
            <Badge variant="outline" color="gray" tt="none">
              {Math.round(decision.score * 100)}%
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Stack gap={6}>
          <Text size="sm">{ruleText(decision.rule)}</Text>
          <ExplanationText items={decision.explanation} size="xs" />
          <MatchReasons reasons={decision.reasons} compact />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
