/** Placeholder, to be replaced by the page itself. */
export default function SpotChecksPage() {
  return <div data-testid="placeholder-spot-checks" />;
}
