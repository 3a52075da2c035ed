/** Placeholder, to be replaced by the page itself. */
export default function PublicNoticesPage() {
  return <div data-testid="placeholder-public-notices" />;
}
