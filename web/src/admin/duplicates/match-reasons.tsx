import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** One reason as the resolver wrote it, turned into parts the UI can translate. */
type Reason =
  | { kind: 'shared'; key: string }
  | { kind: 'evidence'; field: string; level: string; detail: string | null; weight: number }
  | { kind: 'text'; text: string };

// "given_name=nickname (first/last swapped) +3.2" — see src/modules/identity/matching/decide.ts.
const EVIDENCE = /^([a-z_]+)=(\S+)(?: \((.+)\))? ([+-]?\d+(?:\.\d+)?)$/;
const SHARED = /^shared (email|phone|document)$/;

export function parseReason(text: string): Reason {
  const shared = SHARED.exec(text);
  if (shared?.[1]) return { kind: 'shared', key: shared[1] };
  const evidence = EVIDENCE.exec(text);
  if (evidence?.[1] && evidence[2] && evidence[4])
    return {
      kind: 'evidence',
      field: evidence[1],
      level: evidence[2],
      detail: evidence[3] ?? null,
      weight: Number(evidence[4]),
    };
  return { kind: 'text', text };
}

/** The resolver's rule as a sentence in the UI language (its own words when unknown). */
export function useRuleText() {
  const { t, i18n } = useTranslation();
  return (rule: string) => {
    const key = `duplicates.rules.${rule}`;
    return i18n.exists(key) ? t(key) : rule.replace(/_/g, ' ');
  };
}

function useReasonText() {
  const { t, i18n } = useTranslation();
  const known = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
  const level = (value: string) => known(`duplicates.levels.${value}`, value.replace(/_/g, ' '));
  const detail = (value: string) =>
    value === 'first/last swapped'
      ? t('duplicates.details.swapped')
      : value === 'split differently'
        ? t('duplicates.details.resplit')
        : value;

  return (reason: Exclude<Reason, { kind: 'text' }>): { label: string; hint: string } => {
    if (reason.kind === 'shared') {
      const label = known(`duplicates.shared.${reason.key}`, reason.key);
      return { label, hint: t('duplicates.reasons.sharedHint') };
    }
    const weight = `${reason.weight > 0 ? '+' : ''}${reason.weight.toFixed(1)}`;
    const weightHint = t(reason.weight >= 0 ? 'duplicates.reasons.for' : 'duplicates.reasons.against', { weight });
    // "email=same" reads best as "Same e-mail".
    if (reason.level === 'same' && i18n.exists(`duplicates.shared.${reason.field}`))
      return { label: t(`duplicates.shared.${reason.field}`), hint: weightHint };
    const field = known(`duplicates.evidenceFields.${reason.field}`, reason.field);
    // Addresses compare part by part: "number=exact,street=close".
    const value =
      reason.field === 'address'
        ? reason.level
            .split(',')
            .map((part) => {
              const [name = '', partLevel = ''] = part.split('=');
              return `${known(`duplicates.addressParts.${name}`, name)} ${level(partLevel)}`;
            })
            .join(', ')
        : level(reason.level);
    const extra = reason.detail ? ` — ${detail(reason.detail)}` : '';
    return {
      label: t('duplicates.reasons.evidence', { field, level: value }),
      hint: `${weightHint}${extra}`,
    };
  };
}

/**
 * The reasons behind a score as badges: what speaks for one person (teal), what speaks
 * against (red), the keys they share (blue). Tooltips tell how much each one weighs.
 */
export function MatchReasons({ reasons, compact = false }: { reasons: string[]; compact?: boolean }) {
  const describe = useReasonText();
  const parsed = reasons.map(parseReason);
  // The evidence already names a shared e-mail or phone ("email=same"): no second badge for it.
  const evidenceSame = new Set(parsed.flatMap((r) => (r.kind === 'evidence' && r.level === 'same' ? [r.field] : [])));
  const shown = parsed.filter(
    (r) =>
      !(r.kind === 'evidence' && r.level === 'missing') &&
      !(r.kind === 'shared' && evidenceSame.has(r.key)) &&
      // The first reason is the rule in English: the rule is shown translated elsewhere.
      r.kind !== 'text',
  );
  // "in words: …" is the English sentence of the explanation, shown translated above (ExplanationText).
  const texts = parsed.flatMap((r, index) =>
    r.kind === 'text' && index > 0 && !r.text.startsWith('in words:') ? [r.text] : [],
  );
  return (
    <Group gap={6} wrap="wrap" data-testid="match-reasons">
      {shown.map((reason, index) => {
        if (reason.kind === 'text') return null;
        const { label, hint } = describe(reason);
        const sharedKey = reason.kind === 'shared' || reason.level === 'same';
        const color = sharedKey ? 'blue' : reason.weight >= 0 ? 'teal' : 'red';
        return (
          <Tooltip key={`${label}-${index}`} label={hint} multiline maw={300} withArrow>
            <Badge
              size={compact ? 'sm' : 'md'}
              variant="light"
              color={color}
              tt="none"
              leftSection={sharedKey ? <IconLink size={12} /> : undefined}
              data-testid="match-reason"
            >
              {label}
            </Badge>
          </Tooltip>
        );
      })}
      {texts.map((text) => (
        <Text key={text} size="xs" c="dimmed">
          {text}
        </Text>
      ))}
    </Group>
  );
}

/** The score as a badge: how likely the two profiles are one person. */
export function ScoreBadge({ score, kind }: { score: number; kind?: string }) {
  const { t } = useTranslation();
  // 0.999 is not certainty: never round a likelihood up to 100 %.
  const percent = score < 1 ? Math.min(99, Math.round(score * 100)) : 100;
  const band = score >= 0.9 ? 'high' : score >= 0.6 ? 'medium' : 'low';
  const color = kind === 'related' ? 'blue' : band === 'high' ? 'grape' : band === 'medium' ? 'orange' : 'gray';
  return (
    <Tooltip
      label={t(kind === 'related' ? 'duplicates.score.relatedHint' : 'duplicates.score.hint')}
      multiline
      maw={280}
      withArrow
    >
      <Badge size="lg" variant="filled" color={color} tt="none" data-testid="pair-score">
        {kind === 'related' ? t('duplicates.score.related') : t(`duplicates.score.${band}`, { percent })}
      </Badge>
    </Tooltip>
  );
}
