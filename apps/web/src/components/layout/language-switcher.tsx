import { useTranslation } from 'react-i18next';
import { LANGUAGES, chooseLanguage, currentLanguage, isLanguage } from '../../i18n/i18n-setup';
import { CompactSelect } from '../ui/form-field';
import { GlobeIcon } from '../ui/icons';

export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const value = isLanguage(i18n.language) ? i18n.language : currentLanguage();
  return (
    <div className={className}>
      <div className="flex items-center gap-1.5 text-zinc-500">
        <GlobeIcon className="size-4 shrink-0" />
        <CompactSelect
          label={t('language.label')}
          value={value}
          onChange={(event) => {
            if (isLanguage(event.target.value)) chooseLanguage(event.target.value);
          }}
          className="h-8 border-transparent bg-transparent ps-2 shadow-none hover:bg-zinc-100 focus:bg-white"
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`languageNames.${language}`)}
            </option>
          ))}
        </CompactSelect>
      </div>
    </div>
  );
}
