import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A screen loaded on first use, so the popup's first paint only pays for the account list.
 * `preload()` fetches it ahead of time (called once codes are on screen), so opening it is instant.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () => (pending ??= load().then((c) => (loaded = c)));
  function Lazy(props: P) {
    const [Component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (!Component) void preload().then((c) => setComponent(() => c));
    }, []);
    return Component ? <Component {...props} /> : null;
  }
  Lazy.preload = preload;
  return Lazy;
}
