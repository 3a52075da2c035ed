/** Placeholder, to be replaced by the page itself. */
export default function ExpertsPage() {
  return <div data-testid="placeholder-experts" />;
}
