/**
 * Defines a custom element only when one of its instances comes near the viewport, so that an
 * island's code downloads when the reader reaches it, not with the page. Until then the island
 * shows its pre-rendered state with its controls disabled, exactly as without JavaScript.
 */
export function defineWhenVisible(tag: string, load: () => Promise<CustomElementConstructor>): void {
  if (customElements.get(tag)) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    load()
      .then((element) => {
        if (!customElements.get(tag)) customElements.define(tag, element);
      })
      // A chunk that fails to download leaves the pre-rendered island in place, controls disabled.
      .catch(() => document.querySelectorAll(tag).forEach((island) => island.setAttribute('data-load-failed', '')));
  };
  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && start(), { rootMargin: '50% 0px' })
      : null;
  if (!observer) {
    start();
    return;
  }
  document.querySelectorAll(tag).forEach((island) => observer.observe(island));
}
