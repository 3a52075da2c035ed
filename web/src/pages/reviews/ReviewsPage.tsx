/** Placeholder, to be replaced by the page itself. */
export default function ReviewsPage() {
  return <div data-testid="placeholder-reviews" />;
}
