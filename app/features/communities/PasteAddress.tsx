import { useId, useState, type FormEvent } from 'react';
import { isAddress } from 'viem';
import { useLocation } from 'wouter';
import { useI18n } from '../../lib/i18n.ts';

export function PasteAddress({ chainId }: { chainId: number }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const id = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (!isAddress(v, { strict: false })) {
      setInvalid(true);
      return;
    }
    navigate(`/c/${chainId}/${v}`);
  }

  return (
    <form className="card paste" onSubmit={submit} noValidate>
      <label htmlFor={id}>{t.communities.pasteLabel}</label>
      <p className="muted" id={`${id}-hint`}>
        {t.communities.pasteHint}
      </p>
      <div className="row">
        <input
          id={id}
          data-testid="community-address-input"
          value={value}
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="0x…"
          aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={invalid}
          onChange={(e) => {
            setValue(e.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit" data-testid="community-address-open">
          {t.communities.open}
        </button>
      </div>
      {invalid && (
        <p className="error-text" role="alert" id={`${id}-error`}>
          {t.communities.invalid}
        </p>
      )}
    </form>
  );
}
