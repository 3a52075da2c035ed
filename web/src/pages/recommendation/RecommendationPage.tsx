/** Placeholder, to be replaced by the page itself. */
export default function RecommendationPage() {
  return <div data-testid="placeholder-recommendation" />;
}
