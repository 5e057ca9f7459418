import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

/**
 * After an in-app navigation the link that was followed is gone: focus moves to <main> so a
 * keyboard or screen-reader user goes on from the new page's content, not from the document's top.
 */
export function RouteFocus() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [location]);
  return null;
}
