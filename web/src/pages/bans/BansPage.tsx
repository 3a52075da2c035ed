/** Placeholder, to be replaced by the page itself. */
export default function BansPage() {
  return <div data-testid="placeholder-bans" />;
}
