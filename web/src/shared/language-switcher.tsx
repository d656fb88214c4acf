import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, currentLanguage } from './i18n.ts';
import { languages, type Language } from './types.ts';

interface LanguageSwitcherProps {
  /** Called after the UI switched, e.g. to save the choice on the signed-in user. */
  onChange?: (language: Language) => void;
}

/** Picks the UI language (en/es/fr); the choice is remembered on this device. */
export function LanguageSwitcher({ onChange }: LanguageSwitcherProps) {
  const { t } = useTranslation();
  const active = currentLanguage();

  const select = async (language: Language) => {
    await applyLanguage(language);
    onChange?.(language);
  };

  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLanguage size={18} />}
          aria-label={t('language.switch')}
          data-testid="language-switcher"
        >
          {t(`language.native.${active}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.switch')}</Menu.Label>
        {languages.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            data-testid={`language-option-${language}`}
            rightSection={language === active ? <IconCheck size={16} /> : null}
            onClick={() => void select(language)}
          >
            {t(`language.native.${language}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
