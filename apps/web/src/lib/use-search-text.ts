import { useEffect, useRef, useState } from 'react';

const SEARCH_DELAY_MS = 300;

/**
 * A search box's text, sent (as `toValue` makes it) after a pause in typing, or at once by
 * `submit()`. The URL is the source of truth: the text follows `urlValue` when it changes
 * elsewhere (clear filters, back button), but not when it merely echoes what was sent,
 * which would drop keys pressed while the navigation ran. `toValue` and `onSearch` should
 * be stable (module-level or memoised): a new one restarts the pause.
 */
export function useSearchText(urlValue: string, toValue: (text: string) => string, onSearch: (value: string) => void) {
  const [text, setText] = useState(urlValue);
  const sent = useRef(urlValue);

  useEffect(() => {
    if (urlValue !== sent.current) {
      sent.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);

  useEffect(() => {
    const value = toValue(text);
    if (value === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = value;
      onSearch(value);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, toValue, onSearch]);

  const submit = () => {
    const value = toValue(text);
    sent.current = value;
    onSearch(value);
  };

  return { text, setText, submit };
}
