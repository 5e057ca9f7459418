import { useCallback, useEffect, useRef } from 'react';

/**
 * Focus after a review step goes away (back from it, or after its send): the returned function
 * names what to focus (e.g. the form's button), so focus is not dropped to the page's top when the
 * review leaves the page.
 */
export function useFocusAfterReview(reviewing: boolean): (target: () => HTMLElement | null | undefined) => void {
  const pending = useRef<(() => HTMLElement | null | undefined) | undefined>(undefined);
  useEffect(() => {
    if (reviewing || !pending.current) return;
    const target = pending.current;
    pending.current = undefined;
    target()?.focus();
  });
  return useCallback((target) => {
    pending.current = target;
  }, []);
}
