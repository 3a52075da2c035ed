/** Placeholder, to be replaced by the page itself. */
export default function RecommendationsPage() {
  return <div data-testid="placeholder-recommendations" />;
}
