import type { ButtonHTMLAttributes, MouseEvent } from 'react';

/**
 * A button that is unavailable (busy, or not ready) without the `disabled` attribute, the project's
 * rule: a disabled button drops keyboard focus to the top of the page and is skipped by screen
 * readers. `aria-disabled` keeps it focusable and announced as unavailable; a click (or the form
 * submit it would start) does nothing while `unavailable` holds.
 */
export function ActionButton({ unavailable, onClick, ...rest }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & { unavailable?: boolean }) {
  const click = (e: MouseEvent<HTMLButtonElement>) => {
    if (unavailable) {
      e.preventDefault();
      return;
    }
    onClick?.(e);
  };
  return <button {...rest} aria-disabled={unavailable ? true : undefined} onClick={click} />;
}
