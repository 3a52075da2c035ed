/** Placeholder, to be replaced by the page itself. */
export default function PublicNoticePage() {
  return <div data-testid="placeholder-public-notice" />;
}
